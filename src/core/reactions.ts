// Reactions, whatever network they come from: the keys people use for a star and for up and down votes are recorded
// under one name each; from someone who opted in, those count as their star or vote (one per person per post).

export function reactionKey(key: string): string {
  const k = key.replace(/\uFE0F/g, '').trim();
  if (['⭐', '🌟', '★'].includes(k)) return 'star';
  if (['👍', '+1', '⬆', '🔼'].includes(k)) return 'up';
  if (['👎', '-1', '⬇', '🔽'].includes(k)) return 'down';
  return k.slice(0, 32);
}

/** What a reaction key does for a person who opted in: a star or a vote, or nothing beyond being counted. */
export function reactionAction(key: string): { star: true } | { vote: 1 | -1 } | undefined {
  if (key === 'star') return { star: true };
  if (key === 'up') return { vote: 1 };
  if (key === 'down') return { vote: -1 };
  return undefined;
}
