// For `meshline doctor`: does the homeserver take our token, which rooms are we in, does it do presence?
import type { MatrixAccountConfig } from './config.ts';
import { errorMessage } from '../../src/core/errors.ts';
import { cryptoSupport } from './crypto.ts';

export interface MatrixProbe {
  ok: boolean;
  detail: string;
}

async function call(
  a: MatrixAccountConfig,
  token: string,
  path: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(new URL(path, a.homeserver), {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

/** `token` is the configured one or the one a password login stored. */
export async function probeMatrix(a: MatrixAccountConfig, token: string | undefined): Promise<MatrixProbe> {
  if (!token)
    return {
      ok: false,
      detail: `no access token yet: start Meshline once to log in as ${a.userId}, or set accessToken`,
    };
  try {
    const who = await call(a, token, '/_matrix/client/v3/account/whoami');
    if (who.status === 401)
      return { ok: false, detail: `${a.homeserver} refused the access token (${String(who.body.errcode ?? 401)})` };
    if (who.status !== 200) return { ok: false, detail: `${a.homeserver} answered whoami with HTTP ${who.status}` };
    const me = String(who.body.user_id);
    const rooms =
      ((await call(a, token, '/_matrix/client/v3/joined_rooms')).body.joined_rooms as string[] | undefined) ?? [];
    const presence = await call(a, token, `/_matrix/client/v3/presence/${encodeURIComponent(me)}/status`);
    const presenceNote =
      presence.status === 200
        ? 'presence on'
        : `presence DISABLED on this homeserver (HTTP ${presence.status}): no status lines from Matrix`;
    const crypto = cryptoSupport();
    if (a.encryption === 'required' && !crypto.available)
      return { ok: false, detail: `logged in as ${me}, but encryption is required and ${crypto.detail}` };
    const cryptoNote =
      a.encryption === 'off'
        ? 'encryption off (encrypted rooms declined)'
        : crypto.available
          ? 'end-to-end encryption available'
          : 'no end-to-end encryption (native library not installed: encrypted rooms declined)';
    return { ok: true, detail: `logged in as ${me}, ${rooms.length} joined rooms, ${presenceNote}, ${cryptoNote}` };
  } catch (err) {
    return { ok: false, detail: `cannot reach ${a.homeserver}: ${errorMessage(err)}` };
  }
}
