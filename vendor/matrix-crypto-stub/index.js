// matrix-bot-sdk requires this package when it loads, but uses it only for encrypted rooms. The real one
// downloads a native binary at install time, which machines without access beyond the npm registry cannot do.
// With MESHLINE_MATRIX_CRYPTO pointing at an installed copy of the real package, that one is used instead.

const UNAVAILABLE =
  'end-to-end encryption is unavailable: the native @matrix-org/matrix-sdk-crypto-nodejs library is not ' +
  'installed (see the README, Matrix section)';

function load() {
  const where = process.env.MESHLINE_MATRIX_CRYPTO;
  if (!where) return null;
  try {
    return require(where);
  } catch (err) {
    process.emitWarning(`MESHLINE_MATRIX_CRYPTO=${where} could not be loaded: ${err.message}`);
    return null;
  }
}

const real = load();

if (real) {
  module.exports = real;
} else {
  class Unavailable {
    constructor() {
      throw new Error(UNAVAILABLE);
    }
  }
  const names = [
    'OlmMachine',
    'UserId',
    'DeviceId',
    'RoomId',
    'DeviceLists',
    'EncryptionSettings',
    'Attachment',
    'EncryptedAttachment',
    'RequestType',
    'StoreType',
    'HistoryVisibility',
    'SignatureState',
    'KeysClaimRequest',
  ];
  const stub = { available: false, UNAVAILABLE };
  for (const n of names) stub[n] = class extends Unavailable {};
  module.exports = new Proxy(stub, {
    get: (t, k) =>
      k in t ? t[k] : typeof k === 'string' && /^[A-Z]/.test(k) ? class extends Unavailable {} : undefined,
  });
}
