/**
 * Match answers remembered per index version, the least recently used dropped first. An answer
 * is stored under the version its request read before searching, and found only by a request
 * that read the same version, so it is never older than a search made at that moment; a new
 * version drops every answer of the old one. Each api instance keeps its own and checks the
 * index itself on every request: there is nothing to share or invalidate between instances.
 */
export class MatchMemo<T> {
  private version: string | undefined;
  private readonly answers = new Map<string, T>();

  /** At most this many answers; 0 remembers nothing. */
  constructor(private readonly capacity: number) {}

  get(version: string, key: string): T | undefined {
    if (version !== this.version) return undefined;
    const answer = this.answers.get(key);
    if (answer !== undefined) {
      // Map keeps insertion order: the most recently used goes last.
      this.answers.delete(key);
      this.answers.set(key, answer);
    }
    return answer;
  }

  set(version: string, key: string, answer: T): void {
    if (this.capacity === 0) return;
    if (version !== this.version) {
      // A late request may bring back an older version: its answers are still right for it,
      // and the next request that reads the newer one starts over again.
      this.answers.clear();
      this.version = version;
    }
    this.answers.delete(key);
    this.answers.set(key, answer);
    if (this.answers.size > this.capacity) {
      this.answers.delete(this.answers.keys().next().value as string);
    }
  }

  get size(): number {
    return this.answers.size;
  }
}
