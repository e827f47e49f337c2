// Which status lines are not worth a post.

/** Texts clients set on their own when idle; matched case-insensitively against the whole status. */
export const DEFAULT_NOISE_PATTERNS: readonly string[] = [
  '^auto[- ]?away',
  '^away$',
  '^idle( for .*)?$',
  "^(i am |i'm )?away from (the )?(keyboard|computer)$",
  '^afk$',
  '^(gone|went) idle',
  '^not here( right now)?( ?\\.\\.\\.|\\.)?$',
  '^detached',
  '^auto-?reply',
  "^i'm not here right now",
  // What common clients set by themselves, when idle or by default (see the table in test/unit/noise.test.ts).
  '^auto status \\(idle\\)$',
  '^(away|not available) as a result of being idle( more than \\d+ min(utes)?)?$',
  "^(i am |i'm )?(currently )?away from (my|the) (computer|keyboard|desk)( right now)?\\.?$",
  '^not here\\. no, really\\. not here!?$',
  '^gone away for now$',
  "^i've been away since",
  '^i am gone right now, but i will be back later$',
  '^(extended away|xa|dnd|do not disturb|busy)$',
];

export type NoiseVerdict = 'post' | 'empty' | 'auto-away' | 'repeat';

export function compileNoise(patterns: readonly string[]): RegExp[] {
  return patterns.map((p) => new RegExp(p, 'iu'));
}

/** Decides whether a cleaned status text should become a post, given the last one posted. */
export function judgeStatus(text: string, lastPosted: string | undefined, noise: readonly RegExp[]): NoiseVerdict {
  if (!text.trim()) return 'empty';
  if (noise.some((re) => re.test(text))) return 'auto-away';
  if (lastPosted !== undefined && lastPosted.trim().toLowerCase() === text.trim().toLowerCase()) return 'repeat';
  return 'post';
}
