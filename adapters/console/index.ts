// The built-in console network: the operator's terminal is a chat client, so Meshline works with no account anywhere.
import { createInterface, type Interface } from 'node:readline';
import type { Adapter, AdapterSink, AdapterStatus, Recipient } from '../../src/core/types.ts';
import { errorMessage } from '../../src/core/errors.ts';
import { logger } from '../../src/log.ts';
import { CONSOLE_HELP, parseConsoleLine, type ConsoleIdentity } from './parse.ts';

const log = logger('console');

export interface ConsoleOptions extends ConsoleIdentity {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Called on /quit. */
  onQuit: () => void;
}

export class ConsoleAdapter implements Adapter {
  readonly network: string;
  private rl: Interface | undefined;
  private sink: AdapterSink | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly opts: ConsoleOptions) {
    this.network = opts.network;
  }

  async start(sink: AdapterSink): Promise<void> {
    this.sink = sink;
    this.rl = createInterface({ input: this.opts.input, terminal: false });
    this.rl.on('line', (line) => {
      this.queue = this.queue.then(() => this.onLine(line));
    });
    this.rl.on('close', () => log.debug('input closed; the console adapter stops listening'));
    this.say(`Type to post as @${this.opts.handle} in #${this.opts.room}. /help lists commands.`);
    // Typing on the operator's own terminal is consent; this records it like friending the bot.
    await sink.emit({
      kind: 'subscription',
      state: 'subscribe',
      network: this.network,
      account: 'local',
      at: Date.now(),
      sender: { id: this.opts.handle, display: this.opts.name, verified: true },
    });
  }

  private async onLine(line: string): Promise<void> {
    const input = parseConsoleLine(line, this.opts, Date.now());
    switch (input.kind) {
      case 'nothing':
        return;
      case 'help':
        return this.say(CONSOLE_HELP);
      case 'quit':
        return this.opts.onQuit();
      case 'error':
        return this.say(input.message);
      case 'event':
        try {
          await this.sink?.emit(input.event);
        } catch (err) {
          this.say(`could not store that: ${errorMessage(err)}`);
        }
    }
  }

  async stop(): Promise<void> {
    this.rl?.close();
    await this.queue;
  }

  async sendDirect(_to: Recipient, text: string): Promise<void> {
    this.say(`meshline> ${text}`);
  }

  status(): AdapterStatus {
    return { network: this.network, connected: this.rl !== undefined, detail: 'local terminal' };
  }

  private say(text: string): void {
    this.opts.output.write(text + '\n');
  }
}
