// @xmpp/client and @xmpp/xml ship no types; these cover what Meshline uses.
declare module '@xmpp/xml' {
  export class Element {
    constructor(name: string, attrs?: Record<string, string | undefined>);
    name: string;
    attrs: Record<string, string | undefined>;
    children: (Element | string)[];
    is(name: string, xmlns?: string): boolean;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildText(name: string, xmlns?: string): string | null;
    getChildElements(): Element[];
    text(): string;
    toString(): string;
  }
  export type Child = Element | string | undefined | null;
  export function xml(
    name: string,
    attrs?: Record<string, string | number | undefined> | null,
    ...children: (Child | Child[])[]
  ): Element;
  export class Parser {
    constructor();
    on(event: 'element', cb: (el: Element) => void): this;
    write(s: string): void;
  }
  export default xml;
}

declare module '@xmpp/client' {
  import { EventEmitter } from 'node:events';
  import type { Element } from '@xmpp/xml';
  export { xml } from '@xmpp/xml';

  export interface JID {
    local: string;
    domain: string;
    resource: string;
    bare(): JID;
    toString(): string;
  }
  export function jid(s: string): JID;

  export interface XmppClient extends EventEmitter {
    status: string;
    jid?: JID;
    socket?: { secure?: boolean } | null;
    start(): Promise<JID>;
    stop(): Promise<void>;
    disconnect(): Promise<void>;
    send(el: Element): Promise<void>;
    iqCaller: { request(el: Element, timeout?: number): Promise<Element> };
    reconnect: EventEmitter & { stop(): void; start(): void; reconnect(): Promise<void>; delay: number };
    on(event: 'stanza', cb: (el: Element) => void): this;
    on(event: 'online', cb: (addr: JID) => void): this;
    on(event: 'offline' | 'disconnect', cb: () => void): this;
    on(event: 'error', cb: (err: Error & { condition?: string }) => void): this;
    on(event: 'status', cb: (status: string) => void): this;
  }

  export function client(options: {
    service?: string;
    domain: string;
    resource?: string;
    username: string;
    password: string;
  }): XmppClient;
}
