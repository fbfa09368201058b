/**
 * The capacity providers' background work, every few seconds: place the tasks waiting for capacity,
 * then let managed scaling grow or shrink the groups.
 */
import type { ActionContext } from "../aws/context.ts";
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
      await placeWaitingTasks(ctx);
      await scaleProviders(ctx, this.emptySince);
    } catch (err) {
      console.error("capacity providers:", err);
    } finally {
      this.running = false;
    }
  }
}
