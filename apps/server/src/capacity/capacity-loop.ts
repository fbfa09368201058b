/**
 * The capacity providers' background work, every few seconds: place the tasks waiting for capacity,
 * then let managed scaling grow or shrink the groups.
 */
import { forAccount, type ActionContext } from "../aws/context.ts";
import { scaleProviders, type EmptySince } from "./managed-scaling.ts";
import { placeWaitingTasks } from "./waiting-tasks.ts";

const EVERY_MS = 2_000;

export class CapacityLoop {
  private timer?: NodeJS.Timeout;
  private running = false;
  private readonly emptySince: EmptySince = new Map();

  start(ctx: ActionContext): void {
    this.timer = setInterval(() => void this.round(ctx), EVERY_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async round(ctx: ActionContext): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      // Each account's providers and waiting tasks, in that account.
      const accounts = await ctx.allAccounts.capacityProvider.findMany({ where: { status: "ACTIVE" }, distinct: ["accountId"], select: { accountId: true } });
      for (const { accountId } of accounts) {
        const inAccount = forAccount(ctx, accountId);
        await placeWaitingTasks(inAccount);
        await scaleProviders(inAccount, this.emptySince);
      }
    } catch (err) {
      console.error("capacity providers:", err);
    } finally {
      this.running = false;
    }
  }
}
