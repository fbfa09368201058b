/** Scaling activities: a record of each launch and termination, in Auto Scaling's own words. */
import { idUuid } from "../reproducible.ts";
import type { ActionContext } from "../aws/context.ts";
import type { ScalingActivity } from "../db/client.ts";
import type * as as from "@stevedore/shared/aws/models/autoscaling";

const at = () => new Date().toISOString().replace(/\.\d+Z$/, "Z");

export function recordLaunch(ctx: ActionContext, group: string, instanceId: string, from: number, to: number) {
  return ctx.db.scalingActivity.create({
    data: {
      id: idUuid("scaling-activity"),
      asgName: group,
      description: `Launching a new EC2 instance: ${instanceId}`,
      cause: `At ${at()} an instance was started in response to a difference between desired and actual capacity, increasing the capacity from ${from} to ${to}.`,
      statusCode: "Successful",
      progress: 100,
      endTime: new Date(),
    },
  });
}

/** A launch EC2 refused (the account's instance limit): recorded once until the group's next activity. */
export async function recordFailedLaunch(ctx: ActionContext, group: string, reason: string) {
  const description = `Launching a new EC2 instance.  Status Reason: ${reason}`;
  const last = await ctx.db.scalingActivity.findFirst({ where: { asgName: group }, orderBy: { startTime: "desc" } });
  if (last?.statusCode === "Failed" && last.description === description) return;
  const now = new Date();
  await ctx.db.scalingActivity.create({
    data: {
      id: idUuid("scaling-activity"),
      asgName: group,
      description,
      cause: `At ${at()} an instance was started in response to a difference between desired and actual capacity.`,
      statusCode: "Failed",
      progress: 100,
      startTime: now,
      endTime: now,
    },
  });
}

export type TerminationCause = { kind: "capacity"; from: number; to: number } | { kind: "user" };

/** Records a termination as in progress; the returned function marks it done. */
export async function recordTermination(ctx: ActionContext, group: string, instanceId: string, cause: TerminationCause) {
  const activity = await ctx.db.scalingActivity.create({
    data: {
      id: idUuid("scaling-activity"),
      asgName: group,
      description: `Terminating EC2 instance: ${instanceId}`,
      cause:
        cause.kind === "user"
          ? `At ${at()} instance ${instanceId} was taken out of service in response to a user request.`
          : `At ${at()} an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from ${cause.from} to ${cause.to}.`,
    },
  });
  return {
    activity,
    done: () => ctx.db.scalingActivity.update({ where: { id: activity.id }, data: { statusCode: "Successful", progress: 100, endTime: new Date() } }),
  };
}

export function activityXml(a: ScalingActivity): as.Activity {
  return {
    ActivityId: a.id,
    AutoScalingGroupName: a.asgName,
    Description: a.description,
    Cause: a.cause,
    StartTime: a.startTime,
    ...(a.endTime ? { EndTime: a.endTime } : {}),
    StatusCode: a.statusCode as as.ScalingActivityStatusCode,
    ...(a.statusCode === "Failed" ? { StatusMessage: a.description.split("Status Reason: ")[1] ?? a.description } : {}),
    Progress: a.progress,
    Details: "{}",
  };
}
