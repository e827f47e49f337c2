// Private posts as the core and the store see them (docs/MESH.md, "Private posts").

export interface PrivateReader {
  /** `person:<id>` for someone here, `handle@host` for someone elsewhere. */
  who: string;
  personId: number | null;
}

export interface PrivatePostIn {
  /** Written here by this person; null when received from another site. */
  authorId: number | null;
  /** Received: its author, `handle@host`. */
  remoteAuthor: string | null;
  /** Received: the sending site's root and the post's number there. */
  origin: string | null;
  originId: number | null;
  text: string;
  at: number;
  replyTo: number | null;
  recipients: PrivateReader[];
}

export interface PrivatePost extends PrivatePostIn {
  id: number;
}

/** A private post's sealed copy for one other site, published in this site's inbox. */
export interface InboxOut {
  /** Random: the file is inbox/<name>.json. */
  name: string;
  postId: number;
  /** The recipient site's root. */
  site: string;
  /** Handles there. */
  recipients: string[];
  /** The inbox entry (JSON), once sealed. */
  sealed: string | null;
  tries: number;
}
