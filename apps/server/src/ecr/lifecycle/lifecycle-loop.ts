/**
 * Applies every saved lifecycle policy on a timer (ECR takes up to a day; Stevedore, the setting
 * ecrLifecycleIntervalMs, a minute by default), then asks for the expired images' space back.
 */
import type { Db } from "../../db/client.ts";
import { modifyRepository, repositoriesWithLifecyclePolicies } from "../../store/ecr-repositories.ts";
import { applyRepositoryPolicy } from "./repository-lifecycle.ts";

export class LifecycleLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly db: Db,
    private readonly intervalMs: number,
    /** Called when images went away (their blobs may be collected). */
    private readonly expired: () => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce().catch((err) => console.error("ECR lifecycle policies:", err)), this.intervalMs);
    this.timer.unref();
  }

  /** One pass over every repository with a policy (one at a time); the number of images acted on. */
  async runOnce(now = Date.now()): Promise<number> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = (async () => {
      let acted = 0;
      for (const repo of await repositoriesWithLifecyclePolicies(this.db)) {
        acted += await applyRepositoryPolicy(this.db, repo, now);
        await modifyRepository(this.db, repo.accountId, repo.registry, repo.name, () => ({ lifecycleEvaluatedAt: new Date(now) }));
      }
      if (acted) this.expired();
      return acted;
    })();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
