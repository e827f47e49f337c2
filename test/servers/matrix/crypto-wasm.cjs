// The native @matrix-org/matrix-sdk-crypto-nodejs cannot be installed on the test machines (its install downloads
// a binary), so encrypted-room tests hand matrix-bot-sdk this instead (MESHLINE_MATRIX_CRYPTO): the same Rust
// crypto crate compiled to WebAssembly (@matrix-org/matrix-sdk-crypto-wasm, from npm), behind the native
// binding's calling conventions as matrix-bot-sdk 0.7 uses them. Real Olm/Megolm, real key exchange; the store
// lives in memory for one process (see initialize).
'use strict';

require('fake-indexeddb/auto');
const wasm = require('@matrix-org/matrix-sdk-crypto-wasm');

// The wasm methods take ownership of the ids they are given; the native ones do not, and matrix-bot-sdk reuses them.
const users = (list) => list.map((u) => new wasm.UserId(u.toString()));
const room = (r) => new wasm.RoomId(r.toString());

// Native to-device requests carry txn_id, event_type and messages in their body; the wasm ones only messages.
function toDeviceBody(r) {
  const body = JSON.parse(r.body);
  return { txn_id: r.txn_id ?? r.id, event_type: r.event_type, messages: body.messages ?? body };
}

class OlmMachine {
  constructor(inner) { this.inner = inner; }

  // The wasm build keeps its store in IndexedDB, named here after the native store's path: fake-indexeddb keeps
  // it for the life of the process, so a Meshline restarted within a test finds its device's keys again.
  static async initialize(userId, deviceId, storePath, passphrase /* , storeType */) {
    return new OlmMachine(await wasm.OlmMachine.initialize(
      new wasm.UserId(userId.toString()),
      new wasm.DeviceId(deviceId.toString()),
      storePath ?? undefined,
      passphrase || undefined,
    ));
  }

  get identityKeys() { return this.inner.identityKeys; }

  async outgoingRequests() {
    return (await this.inner.outgoingRequests()).map((r) => (r.type === wasm.RequestType.ToDevice
      ? { id: r.id, type: r.type, body: JSON.stringify(toDeviceBody(r)) }
      : { id: r.id, type: r.type, body: r.body }));
  }

  markRequestAsSent(id, type, response) { return this.inner.markRequestAsSent(id, type, response); }
  updateTrackedUsers(list) { return this.inner.updateTrackedUsers(users(list)); }
  getMissingSessions(list) { return this.inner.getMissingSessions(users(list)); }

  async shareRoomKey(roomId, list, settings) {
    return JSON.stringify((await this.inner.shareRoomKey(room(roomId), users(list), settings)).map(toDeviceBody));
  }

  receiveSyncChanges(toDevice, lists, counts, fallbacks) {
    return this.inner.receiveSyncChanges(
      toDevice,
      lists,
      new Map(Object.entries(counts ?? {})),
      new Set(fallbacks ?? []),
    );
  }

  encryptRoomEvent(roomId, type, content) { return this.inner.encryptRoomEvent(room(roomId), type, content); }
  decryptRoomEvent(event, roomId) { return this.inner.decryptRoomEvent(event, room(roomId)); }
  sign(message) { return this.inner.sign(message); }
}

class DeviceLists extends wasm.DeviceLists {
  constructor(changed = [], left = []) { super(users(changed), users(left)); }
}

module.exports = {
  OlmMachine,
  DeviceLists,
  UserId: wasm.UserId,
  DeviceId: wasm.DeviceId,
  RoomId: wasm.RoomId,
  EncryptionSettings: wasm.EncryptionSettings,
  Attachment: wasm.Attachment,
  EncryptedAttachment: wasm.EncryptedAttachment,
  RequestType: wasm.RequestType,
  HistoryVisibility: wasm.HistoryVisibility,
  StoreType: { Sled: 0, Sqlite: 1 },
};
