/**
 * Placing and creating tasks: the one path RunTask and the service scheduler share. Placement runs
 * under the cluster's lock, so two callers never both take the last free resources.
 */
import { randomBytes } from "node:crypto";
import { containerArn, taskArn, type Container, type TaskDefinition, type TaskOverride } from "@stevedore/shared";
import { placeTasks, seededRandom, taskReservation, type PlacementConstraint, type PlacementFailure, type PlacementStrategy } from "@stevedore/scheduler";
import type { ActionContext } from "../aws/context.ts";
import type { Task as TaskRow } from "../db/client.ts";
import { toJson } from "../db/json.ts";
import { loadInstances } from "./cluster-state.ts";
import { placementLock } from "./keyed-lock.ts";
import { ENI_THIRD_OCTETS, nextFreeAddress } from "../ec2/addresses.ts";

export interface LaunchRequest {
  cluster: string;
  def: TaskDefinition;
  overrides: TaskOverride;
  group: string;
  startedBy?: string;
  tags: { key: string; value?: string }[];
  count: number;
  strategies: PlacementStrategy[];
  constraints: PlacementConstraint[];
  /** Place only on these container instances (a DAEMON service's one instance). */
  instanceIds?: string[];
}

export interface LaunchResult {
  tasks: TaskRow[];
  failures: PlacementFailure[];
  /** No ACTIVE container instance at all in the cluster. */
  noInstances: boolean;
}

export function launchTasks(ctx: ActionContext, req: LaunchRequest): Promise<LaunchResult> {
  return placementLock.run(req.cluster, async () => {
    const instances = await loadInstances(ctx, req.cluster, { status: ["ACTIVE"], ...(req.instanceIds ? { ids: req.instanceIds } : {}) });
    if (instances.length === 0) return { tasks: [], failures: [], noInstances: true };
    const result = placeTasks({
      instances: instances.map((i) => i.candidate),
      demand: { ...taskReservation(req.def, req.overrides), group: req.group },
      count: req.count,
      strategies: req.strategies,
      constraints: req.constraints,
      random: seededRandom(randomBytes(4).readUInt32LE()),
    });
    const tasks: TaskRow[] = [];
    for (const instanceId of result.placements) {
      const instance = instances.find((i) => i.row.id === instanceId)!;
      tasks.push(await createTask(ctx, req, instance.row));
    }
    // One wake-up per instance once all are created, so an agent gets its tasks in one answer.
    for (const instanceId of new Set(result.placements)) ctx.notifier.bump(instanceId);
    return { tasks, failures: result.failures, noInstances: false };
  });
}

async function createTask(ctx: ActionContext, t: LaunchRequest, instance: { id: string; address: string; availabilityZone: string }) {
  const id = randomBytes(16).toString("hex");
  const arn = taskArn(ctx.scope, t.cluster, id);
  const containers: Container[] = t.def.containerDefinitions.map((c) => {
    const o = t.overrides.containerOverrides?.find((x) => x.name === c.name);
    const memory = o?.memory ?? c.memory;
    const memoryReservation = o?.memoryReservation ?? c.memoryReservation;
    return {
      containerArn: containerArn(ctx.scope, t.cluster, randomBytes(16).toString("hex").replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-")),
      taskArn: arn,
      name: c.name,
      image: c.image,
      lastStatus: "PENDING",
      networkBindings: [],
      networkInterfaces: [],
      healthStatus: "UNKNOWN",
      cpu: String(o?.cpu ?? c.cpu ?? 0),
      ...(memory !== undefined ? { memory: String(memory) } : {}),
      ...(memoryReservation !== undefined ? { memoryReservation: String(memoryReservation) } : {}),
    };
  });
  return ctx.db.task.create({
    data: {
      id,
      arn,
      cluster: t.cluster,
      containerInstanceId: instance.id,
      taskDefinitionArn: t.def.taskDefinitionArn,
      lastStatus: "PROVISIONING",
      desiredStatus: "RUNNING",
      launchType: "EC2",
      group: t.group,
      startedBy: t.startedBy ?? null,
      overrides: toJson({ containerOverrides: [], inferenceAcceleratorOverrides: [], ...t.overrides }),
      containers: toJson(containers),
      cpu: t.overrides.cpu ?? t.def.cpu ?? null,
      memory: t.overrides.memory ?? t.def.memory ?? null,
      bindIP: t.def.networkMode === "awsvpc" ? await eniAddress(ctx) : instance.address,
      availabilityZone: instance.availabilityZone,
      tags: toJson(t.tags),
    },
  });
}


/** A free address for an awsvpc task's network interface: one no task that still runs holds. */
async function eniAddress(ctx: ActionContext): Promise<string> {
  const held = await ctx.db.task.findMany({ where: { lastStatus: { not: "STOPPED" }, bindIP: { not: null } }, select: { bindIP: true } });
  return nextFreeAddress(ctx.config.instanceNetwork, new Set(held.map((h) => h.bindIP!)), ...ENI_THIRD_OCTETS);
}
