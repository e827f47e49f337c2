// matrix-bot-sdk's client, extended where Meshline needs more than it offers: presence from /sync (which it
// drops), and an awaited emit function, so the sync token is saved only after a batch's events are stored.
import { MatrixClient, type IStorageProvider, type RustSdkCryptoStorageProvider } from 'matrix-bot-sdk';

import { queryKeysBeforeClaiming } from './crypto.ts';

export type SyncHandler = (name: string, args: unknown[]) => Promise<void>;
export type PresenceHandler = (userId: string, content: Record<string, unknown>) => Promise<void>;

export class MeshlineMatrixClient extends MatrixClient {
  /** The stripped state each invite came with (the SDK passes on only the invite event itself). */
  readonly inviteState = new Map<string, { type: string; content?: Record<string, unknown> }[]>();

  constructor(
    homeserver: string,
    token: string,
    storage: IStorageProvider,
    cryptoStore: RustSdkCryptoStorageProvider | undefined,
    private readonly onSync: SyncHandler,
    private readonly onPresence: PresenceHandler,
    private readonly onCryptoError: (roomId: string, err: unknown) => void,
  ) {
    super(homeserver, token, storage, cryptoStore);
    this.persistTokenAfterSync = true;
  }

  protected override async processSync(
    raw: Record<string, unknown>,
    emitFn?: (name: string, ...args: unknown[]) => Promise<unknown>,
  ): Promise<unknown> {
    const presence =
      (raw?.presence as { events?: { sender: string; content: Record<string, unknown> }[] } | undefined)?.events ?? [];
    for (const ev of presence) await this.onPresence(ev.sender, ev.content);
    const invites = ((raw?.rooms as Record<string, unknown> | undefined)?.invite ?? {}) as Record<
      string,
      { invite_state?: { events?: { type: string; content?: Record<string, unknown> }[] } }
    >;
    for (const [roomId, room] of Object.entries(invites)) this.inviteState.set(roomId, room.invite_state?.events ?? []);
    return super.processSync(raw, emitFn);
  }

  protected override startSyncInternal(): Promise<unknown> {
    queryKeysBeforeClaiming(this);
    return this.startSync(async (name: string, ...args: unknown[]) => {
      // The SDK's encryption learns of rooms and members from these; its own listeners would not be awaited and
      // a failure there would be an unhandled rejection, so they are called here (the SDK's own work, logged).
      if (this.crypto && (name === 'room.event' || name === 'room.join')) {
        const [roomId, event] = args as [string, Record<string, unknown>];
        await (name === 'room.join' ? this.crypto.onRoomJoin(roomId) : this.crypto.onRoomEvent(roomId, event)).catch(
          (err: unknown) => this.onCryptoError(roomId, err),
        );
      }
      await this.onSync(name, args);
    });
  }
}
