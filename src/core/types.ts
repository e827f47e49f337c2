// The plain data that flows between adapters, the core and the store.
// Adapters emit ChatEvent; nothing downstream knows which network produced it.

/** Name of a configured network instance, e.g. "console", "libera", "jabber". */
export type NetworkName = string;

export type Presence = 'available' | 'away' | 'offline';

/** Who sent something, as the network vouches for it. */
export interface Sender {
  /** Stable id on that network: services account, bare JID, MXID. Never a bare IRC nick when accounts exist. */
  id: string;
  /** What to show: nick, display name. */
  display: string;
  /** True when the network vouches for the id (services account, JID, MXID). */
  verified: boolean;
}

export interface RoomRef {
  id: string;
  name?: string;
}

interface EventBase {
  network: NetworkName;
  /** The bot's own account on that network (an adapter may run several). */
  account: string;
  sender: Sender;
  /** Server timestamp in milliseconds since the epoch. */
  at: number;
  /** The network's own message id, where there is one. */
  msgId?: string;
}

export interface StatusEvent extends EventBase {
  kind: 'status';
  presence: Presence;
  text: string;
  /**
   * The network told the status as it stands (asked on arrival, WHOIS), not as it changed: when it was set is
   * unknown, so it is news only if it differs from what was posted and waits, and it never displaces a waiting one.
   */
  snapshot?: boolean;
}

/** An image or file sent with a message: where the network serves it (http or https only). */
export interface AttachmentRef {
  kind: 'image' | 'file';
  url: string;
  name: string;
  /** Set when what the url serves is encrypted (Matrix media in encrypted rooms): how to read it. */
  encryption?: MediaEncryption;
  /**
   * Set when the url serves only to this network's account (Matrix's authenticated media): see
   * AdapterSink.grantMediaAccess.
   */
  access?: NetworkName;
}

/** AES-256-CTR over the whole file; the sender's word for its type, since the server sees only ciphertext. */
export interface MediaEncryption {
  algorithm: 'aes-256-ctr';
  /** base64url, 32 bytes. */
  key: string;
  /** base64, 16 bytes. */
  iv: string;
  /** base64 SHA-256 of the ciphertext. */
  sha256: string;
  type: string;
}

export interface MessageEvent extends EventBase {
  kind: 'message';
  attachments?: AttachmentRef[];
  room: RoomRef;
  text: string;
  /** IRC ACTION, Matrix m.emote, XMPP /me. */
  action?: boolean;
  /** Mentions in the network's own form (Matrix pills, XMPP references), as sender ids on that network. */
  mentions?: string[];
  replyTo?: string;
}

export interface DirectEvent extends EventBase {
  kind: 'direct';
  text: string;
  /** Rooms whose operator the network says the sender is (channel op, room admin), for room commands. */
  operatorOf?: string[];
}

export interface EditEvent extends EventBase {
  kind: 'edit';
  /** msgId of the message being replaced. */
  target: string;
  text: string;
  room?: RoomRef;
}

export interface RetractionEvent extends EventBase {
  kind: 'retraction';
  target: string;
  room?: RoomRef;
}

export interface ReactionEvent extends EventBase {
  kind: 'reaction';
  target: string;
  key: string;
  room?: RoomRef;
}

/** Friending and unfriending the bot: roster subscription, DM invite, unsubscribe. */
export interface SubscriptionEvent extends EventBase {
  kind: 'subscription';
  state: 'subscribe' | 'unsubscribe';
}

/**
 * What the network says of someone's profile: their avatar, where it can be fetched (http(s), or a data: address when
 * the network hands the image itself, as XMPP vCards do); null when they have none.
 */
export interface ProfileEvent extends EventBase {
  kind: 'profile';
  avatar: { url: string; access?: string } | null;
}

export type ChatEvent =
  | StatusEvent
  | ProfileEvent
  | MessageEvent
  | DirectEvent
  | EditEvent
  | RetractionEvent
  | ReactionEvent
  | SubscriptionEvent;

export type ChatEventKind = ChatEvent['kind'];

export type PostKind = 'status' | 'message' | 'note';

/** Who should receive an outgoing direct message. */
export interface Recipient {
  network: NetworkName;
  account: string;
  id: string;
}

/** What an adapter is handed by the wiring. */
export interface AdapterSink {
  /** Resolves once the event is durably stored; only then may the adapter acknowledge it. */
  emit(event: ChatEvent): Promise<void>;
  /** Small durable state an adapter keeps across restarts (a room's archive cursor, a sync token). */
  loadState(key: string): Promise<string | undefined>;
  saveState(key: string, value: string): Promise<void>;
  /** Runs a periodic job (presence polling) on the shared clock, never overlapping itself; returns a cancel. */
  every(name: string, seconds: number, job: () => Promise<void> | void): () => void;
  /** Lets the media job fetch this network's `access` attachments: urls under `prefix`, with these headers. */
  grantMediaAccess(prefix: string, headers: Record<string, string>): void;
  /** The ids of people on this network who opted in, so the adapter can watch their status wherever they are. */
  watched(): Promise<string[]>;
}

export interface AdapterStatus {
  network: NetworkName;
  connected: boolean;
  detail: string;
}

/** One network connection, made by a network module (adapters/<net>/module.ts, or a plugin's). */
export interface Adapter {
  readonly network: NetworkName;
  start(sink: AdapterSink): Promise<void>;
  stop(): Promise<void>;
  sendDirect(to: Recipient, text: string): Promise<void>;
  status(): AdapterStatus;
}
