// The stand-in's surface as Meshline sees it; matrix-bot-sdk's own types for the real library are not checked
// (skipLibCheck), and Meshline never touches its classes directly.
declare const crypto: {
  /** false when the stand-in is active (no native library). */
  available?: boolean;
  UNAVAILABLE?: string;
  [name: string]: unknown;
};
export = crypto;
