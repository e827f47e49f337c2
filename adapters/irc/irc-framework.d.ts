// irc-framework ships no types; these cover what Meshline uses.
declare module 'irc-framework' {
  import { EventEmitter } from 'node:events';

  export interface ConnectOptions {
    host: string;
    port: number;
    nick: string;
    username?: string;
    gecos?: string;
    tls?: boolean;
    rejectUnauthorized?: boolean;
    account?: { account: string; password: string };
    auto_reconnect?: boolean;
    auto_reconnect_max_retries?: number;
    enable_chghost?: boolean;
    enable_echomessage?: boolean;
    message_max_length?: number;
  }

  export interface NetworkInfo {
    name: string;
    cap: {
      enabled: string[];
      available: Map<string, string> | Record<string, string>;
      isEnabled(cap: string): boolean;
    };
    supports(feature: string): unknown;
  }

  export class Client extends EventEmitter {
    constructor(options?: Partial<ConnectOptions>);
    user: { nick: string; away: boolean; username?: string; host?: string };
    network: NetworkInfo;
    connected: boolean;
    connect(options?: Partial<ConnectOptions>): void;
    quit(message?: string): void;
    raw(...line: string[]): void;
    join(channel: string, key?: string): void;
    part(channel: string, message?: string): void;
    say(target: string, message: string): void;
    tagmsg(target: string, tags?: Record<string, string>): void;
    notice(target: string, message: string): void;
    action(target: string, message: string): void;
    whois(nick: string, cb?: (event: Record<string, unknown>) => void): void;
    who(target: string, cb?: (event: { target: string; users: Record<string, unknown>[] }) => void): void;
    changeNick(nick: string): void;
  }

  const IRC: { Client: typeof Client };
  export default IRC;
}
