/**
 * Nothing grows without a bound the user can see. Where AWS bounds something, as AWS does: stopped
 * tasks, deregistered container instances, terminated EC2 instances and deleted services age out after
 * the retention setting (ECS: about an hour); a service keeps its newest 100 events; scaling activities
 * six weeks; idempotency tokens a day. Where AWS keeps things until told, the user's setting is
 * enforced: log events past their group's retentionInDays. Once a minute, across accounts.
 */
import type { ActionContext } from "./aws/context.ts";

const EVERY_MS = 60_000;
const SERVICE_EVENTS_KEPT = 100;
const SCALING_ACTIVITIES_MS = 42 * 24 * 60 * 60_000;
const IDEMPOTENCY_MS = 24 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

export async function sweep(ctx: Pick<ActionContext, "allAccounts" | "config">, now = Date.now()): Promise<void> {
  const db = ctx.allAccounts;
  const before = new Date(now - ctx.config.stoppedTaskRetentionMs);
  const gone = await db.task.findMany({ where: { lastStatus: "STOPPED", stoppedAt: { lt: before } }, select: { id: true } });
  const ids = gone.map((t) => t.id);
  const goneServices = await db.service.findMany({ where: { status: "INACTIVE", updatedAt: { lt: before } }, select: { arn: true } });
  const arns = goneServices.map((s) => s.arn);
  await db.$transaction([
    // A task's own output goes with it; what it sent to a CloudWatch log group stays as the group keeps it.
    db.logEvent.deleteMany({ where: { taskId: { in: ids }, logGroup: null } }),
    db.task.deleteMany({ where: { id: { in: ids } } }),
    db.deployment.deleteMany({ where: { serviceArn: { in: arns } } }),
    db.serviceEvent.deleteMany({ where: { serviceArn: { in: arns } } }),
    db.service.deleteMany({ where: { arn: { in: arns } } }),
    db.containerInstance.deleteMany({ where: { status: "INACTIVE", deregisteredAt: { lt: before } } }),
    db.ec2Instance.deleteMany({ where: { state: "terminated", terminatedAt: { lt: before } } }),
    db.scalingActivity.deleteMany({ where: { startTime: { lt: new Date(now - SCALING_ACTIVITIES_MS) } } }),
    db.idempotentRequest.deleteMany({ where: { createdAt: { lt: new Date(now - IDEMPOTENCY_MS) } } }),
    db.consoleSession.deleteMany({ where: { expiresAt: { lt: new Date(now) } } }),
    db.$executeRawUnsafe(
      `DELETE FROM "ServiceEvent" WHERE "id" IN (SELECT "id" FROM (SELECT "id", ROW_NUMBER() OVER (PARTITION BY "serviceArn" ORDER BY "createdAt" DESC) AS "n" FROM "ServiceEvent") WHERE "n" > ?)`,
      SERVICE_EVENTS_KEPT,
    ),
  ]);
  for (const group of await db.logGroup.findMany({ where: { retentionInDays: { not: null } } })) {
    await db.logEvent.deleteMany({ where: { accountId: group.accountId, logGroup: group.name, timestamp: { lt: new Date(now - group.retentionInDays! * DAY_MS) } } });
  }
}

export class Janitor {
  private timer?: NodeJS.Timeout;
  private running = false;

  start(ctx: Pick<ActionContext, "allAccounts" | "config">): void {
    this.timer = setInterval(() => void this.round(ctx), EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async round(ctx: Pick<ActionContext, "allAccounts" | "config">): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await sweep(ctx);
    } catch (err) {
      console.error("Sweeping what aged out failed (the next round tries again):", err);
    } finally {
      this.running = false;
    }
  }
}
