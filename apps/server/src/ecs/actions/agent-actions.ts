/** The ECS actions agents call to report: SubmitTaskStateChange, SubmitContainerStateChange. */
import { resourceId } from "@stevedore/shared";
import type { Action } from "../../aws/context.ts";
import { invalidParameter } from "../../aws/errors.ts";
import { fromJson, toJson } from "../../db/json.ts";
import { requireCluster } from "../lookup.ts";
import { taskDefinitionsByArn } from "../cluster-state.ts";
import { serviceArnFor } from "../../services/scheduler.ts";
import { applyTaskStateChange, type TaskStateReport } from "../task-state-change.ts";

export const submitTaskStateChange: Action = async (input, ctx) => {
  const cluster = await requireCluster(ctx, input.cluster);
  const id = resourceId(String(input.task ?? ""));
  const row = await ctx.db.task.findFirst({ where: { id, cluster: cluster.name } });
  if (!row) throw invalidParameter("The referenced task was not found.");
  const def = (await taskDefinitionsByArn(ctx, [row.taskDefinitionArn])).get(row.taskDefinitionArn);
  const next = applyTaskStateChange({ ...row, containers: fromJson(row.containers, []) }, input as TaskStateReport, new Date(), def?.containerDefinitions);
  await ctx.db.task.update({
    where: { id },
    data: { ...next, containers: toJson(next.containers), version: { increment: 1 } },
  });
  const service = serviceArnFor(ctx, cluster.name, row.group);
  if (service) ctx.services.poke(service);
  return { acknowledgment: "ACK" };
};

export const submitContainerStateChange: Action = async (input, ctx) =>
  submitTaskStateChange(
    {
      cluster: input.cluster,
      task: input.task,
      containers: [{ containerName: input.containerName, runtimeId: input.runtimeId, status: input.status, exitCode: input.exitCode, reason: input.reason, networkBindings: input.networkBindings }],
    },
    ctx,
  );
