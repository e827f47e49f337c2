// Who is in which channel, as NAMES, JOIN, PART, KICK, QUIT and NICK told us. Pure.

export class Members {
  private readonly byChannel = new Map<string, Set<string>>();

  names(channel: string, nicks: readonly string[]): void {
    this.byChannel.set(channel.toLowerCase(), new Set(nicks.map((n) => n.toLowerCase())));
  }

  joined(channel: string, nick: string): void {
    const key = channel.toLowerCase();
    (this.byChannel.get(key) ?? this.byChannel.set(key, new Set()).get(key)!).add(nick.toLowerCase());
  }

  left(channel: string, nick: string): void {
    this.byChannel.get(channel.toLowerCase())?.delete(nick.toLowerCase());
  }

  quit(nick: string): void {
    for (const set of this.byChannel.values()) set.delete(nick.toLowerCase());
  }

  renamed(from: string, to: string): void {
    for (const set of this.byChannel.values()) if (set.delete(from.toLowerCase())) set.add(to.toLowerCase());
  }

  has(channel: string, nick: string): boolean {
    return this.byChannel.get(channel.toLowerCase())?.has(nick.toLowerCase()) ?? false;
  }

  clear(): void {
    this.byChannel.clear();
  }
}
