// People name networks in commands (`link`, `notify`) by the name the operator gave them, or by their kind.
import type { NetworkRef } from './rules.ts';
import { say } from './say.ts';

const LABELS: Record<string, string> = { irc: 'IRC', xmpp: 'XMPP', matrix: 'Matrix', mesh: 'mesh' };

/** A network's name as readers know it: IRC, XMPP, Matrix; other networks by their configured name. */
export function networkLabel(network: string): string {
  return LABELS[network] ?? network;
}

export type NetworkChoice = { name: string } | { error: string };

/** The configured network `word` means: its name, or its kind when only one network is of that kind. */
export function resolveNetwork(
  networks: readonly NetworkRef[] | undefined,
  word: string,
  lang?: string,
): NetworkChoice {
  const w = word.toLowerCase();
  if (!networks) return { name: w };
  if (networks.some((n) => n.name === w)) return { name: w };
  const ofKind = networks.filter((n) => n.kind === w);
  if (ofKind.length === 1) return { name: ofKind[0]!.name };
  const names = networks.filter((n) => !n.hidden).map((n) => n.name);
  if (ofKind.length > 1) {
    const list = ofKind.map((n) => n.name).join(', ');
    return { error: say(lang, 'There are several {kind} networks here: {list}. Name one.', { kind: w, list }) };
  }
  const known = names.length
    ? say(lang, 'Networks: {list}.', { list: names.join(', ') })
    : say(lang, 'No chat network is configured.');
  return { error: `${say(lang, 'There is no network "{word}" here.', { word })} ${known}` };
}
