// matrix-bot-sdk's storage, with the sync token kept in Meshline's database: a restart resumes where it stopped.
import { MemoryStorageProvider } from 'matrix-bot-sdk';
import type { AdapterSink } from '../../src/core/types.ts';

export class SinkStorage extends MemoryStorageProvider {
  private token: string | null = null;
  /** After stop: a sync answered late was not handled, so its token must not be kept. */
  frozen = false;
  constructor(private readonly sink: Pick<AdapterSink, 'loadState' | 'saveState'>) {
    super();
  }

  async load(): Promise<void> {
    this.token = (await this.sink.loadState('syncToken')) ?? null;
  }

  override getSyncToken(): string | null {
    return this.token;
  }

  // The client saves the token only after the batch's events were handled (persistTokenAfterSync), and our
  // handlers resolve only once the events are stored: nothing is skipped by a crash, nothing done twice.
  override setSyncToken(token: string | null): Promise<void> {
    if (this.frozen) return Promise.resolve();
    this.token = token;
    return token === null ? Promise.resolve() : this.sink.saveState('syncToken', token);
  }
}
