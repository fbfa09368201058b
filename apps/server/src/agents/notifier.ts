/**
 * Wakes the long polls of agents when the desired state of their instance changes. Versions carry a
 * boot id, so after a server restart every agent gets a fresh answer at once.
 */
import { randomBytes } from "node:crypto";

export class Notifier {
  private readonly bootId = randomBytes(4).toString("hex");
  private readonly counters = new Map<string, number>();
  private readonly waiters = new Map<string, Set<() => void>>();

  version(instanceId: string): string {
    return `${this.bootId}.${this.counters.get(instanceId) ?? 0}`;
  }

  /** The desired state of an instance changed: answer its pending poll. */
  bump(instanceId: string): void {
    this.counters.set(instanceId, (this.counters.get(instanceId) ?? 0) + 1);
    for (const wake of this.waiters.get(instanceId) ?? []) wake();
  }

  /** Resolves when the version differs from `seen`, or after `ms`. */
  async waitForChange(instanceId: string, seen: string | undefined, ms: number, signal?: AbortSignal): Promise<void> {
    if (seen !== this.version(instanceId) || ms <= 0) return;
    await new Promise<void>((resolve) => {
      const set = this.waiters.get(instanceId) ?? new Set();
      this.waiters.set(instanceId, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener("abort", done);
      set.add(done);
    });
  }

  /** Ends every pending poll (server shutdown). */
  releaseAll(): void {
    for (const set of this.waiters.values()) for (const wake of [...set]) wake();
  }
}
