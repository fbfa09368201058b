/** The ECS actions agents call to report: SubmitTaskStateChange, SubmitContainerStateChange. */
import { clusterName, resourceId } from "@stevedore/shared";
import type { EcsAction } from "../service.ts";
import { AwsError, invalidParameter } from "../../aws/errors.ts";
import type { ActionContext } from "../../aws/context.ts";
import type { Task as TaskRow } from "../../db/client.ts";
import { runsOn } from "../../identity/agent-callers.ts";
import { fromJson, toJson } from "../../db/json.ts";
import { requireCluster } from "../lookup.ts";
import { taskDefinitionsByArn } from "../task-definition-cache.ts";
import { serviceArnFor } from "../../services/scheduler.ts";
import { applyTaskStateChange } from "../task-state-change.ts";

/** Writes a report tries before giving up to the agent's retry (each lost to another writer of the task). */
const MAX_WRITE_ATTEMPTS = 10;

/** How long a service waits after a task report for the reports of the tasks that change with it. */
const SERVICE_POKE_AFTER_REPORT_MS = 200;

export const submitTaskStateChange: EcsAction<"SubmitTaskStateChange"> = async (input, ctx) => {
  // Agents report often: the task is looked up first, the cluster only to say which one is missing.
  const id = resourceId(String(input.task ?? ""));
  const read = () => ctx.sql.get<TaskRow>("Task", `SELECT * FROM "Task" WHERE "accountId" = ? AND "id" = ? AND "cluster" = ?`, [ctx.scope.accountId, id, clusterName(input.cluster)]);
  let row = read();
  if (!row) {
    await requireCluster(ctx, input.cluster);
    throw invalidParameter("The referenced task was not found.");
  }
  // Only the agent that runs the task reports it (its token says which host it is).
  if (!ctx.caller.agent || !runsOn(ctx.caller.agent, row)) {
    throw new AwsError("AccessDeniedException", "Only the agent of the task's container instance may submit its state changes.");
  }
  const def = (await taskDefinitionsByArn(ctx, [row.taskDefinitionArn])).get(row.taskDefinitionArn);
  const before = row;
  // Read, merge, write only if nobody wrote in between (a StopTask, another report): else read again.
  for (let attempt = 0; ; attempt++) {
    const next = applyTaskStateChange({ ...row, containers: fromJson(row.containers, []) }, input, new Date(), def?.containerDefinitions);
    const written: TaskRow = { ...row, ...next, containers: toJson(next.containers), version: row.version + 1 };
    const count = await ctx.sql.write(() => writeStateChange(ctx, written, row!.version));
    if (count === 1) {
      row = written;
      break;
    }
    if (attempt === MAX_WRITE_ATTEMPTS) throw new AwsError("ServerException", "The task changed too often to record this report; the agent sends it again.", 500);
    row = read();
    if (!row) throw invalidParameter("The referenced task was not found.");
  }
  if (row.lastStatus !== before.lastStatus) await ctx.clusterStates.noteTasks(ctx, [row]);
  const next = row;
  // A service acts on tasks that run, stop or change health; a task becoming PENDING changes nothing.
  const service = serviceArnFor(ctx, row.cluster, row.group);
  const matters = (next.lastStatus !== before.lastStatus && next.lastStatus !== "PENDING") || next.healthStatus !== before.healthStatus;
  if (service && matters) ctx.services.poke(service, SERVICE_POKE_AFTER_REPORT_MS);
  return { acknowledgment: "ACK" };
};

/** The columns a report changes, written only if the task's version is still `read`. */
function writeStateChange(ctx: ActionContext, t: TaskRow, read: number): number {
  return ctx.sql.run(
    `UPDATE "Task" SET "lastStatus" = ?, "desiredStatus" = ?, "containers" = ?, "stoppedReason" = ?, "stopCode" = ?, "healthStatus" = ?, "startedAt" = ?, "stoppingAt" = ?, "stoppedAt" = ?, "pullStartedAt" = ?, "pullStoppedAt" = ?, "executionStoppedAt" = ?, "version" = ? WHERE "id" = ? AND "version" = ?`,
    [t.lastStatus, t.desiredStatus, t.containers, t.stoppedReason, t.stopCode, t.healthStatus, t.startedAt, t.stoppingAt, t.stoppedAt, t.pullStartedAt, t.pullStoppedAt, t.executionStoppedAt, t.version, t.id, read],
  );
}

export const submitContainerStateChange: EcsAction<"SubmitContainerStateChange"> = async (input, ctx) =>
  submitTaskStateChange(
    {
      cluster: input.cluster,
      task: input.task,
      containers: [{ containerName: input.containerName, runtimeId: input.runtimeId, status: input.status, exitCode: input.exitCode, reason: input.reason, networkBindings: input.networkBindings }],
    },
    ctx,
  );
