/**
 * RunInstances, TerminateInstances, StopInstances and StartInstances. Each instance is a virtual
 * machine whose agent reads its user data (`ECS_CLUSTER=...`) and registers it with that cluster; its
 * instance profile, key pair, subnet and security groups are checked as EC2 checks them and kept.
 */
import type { InstanceStateChange, InstanceStateName, RequestLaunchTemplateData } from "@stevedore/shared/aws/models/ec2";
import type { ActionContext } from "../aws/context.ts";
import { AwsError } from "../aws/errors.ts";
import { background } from "../background.ts";
import { reconcileGroup } from "../autoscaling/reconcile-group.ts";
import { groupNamesOf, instanceXml, STATE_CODES } from "./describe-instances.ts";
import { resolveLaunchTemplate } from "./launch-templates.ts";
import { launchSpecOf } from "./launch-spec.ts";
import type { Ec2Action } from "./service.ts";
import { instanceLimitText, instancesAllowed } from "../workshops/quotas.ts";

/** The most instances one call launches: each is a virtual machine with an agent on this machine. */
const MAX_PER_CALL = 20;

const invalid = (message: string) => new AwsError("InvalidParameterValue", message);

export const runInstances: Ec2Action<"RunInstances"> = async (p, ctx) => {
  if (p.MinCount < 1 || p.MaxCount < p.MinCount) throw invalid(`Invalid value '${p.MinCount}' for minCount. Must be between 1 and ${p.MaxCount}.`);
  if (p.MinCount > MAX_PER_CALL) {
    throw new AwsError("InstanceLimitExceeded", `You have requested more instances (${p.MinCount}) than your current instance limit of ${MAX_PER_CALL} allows for the specified instance type.`);
  }
  const template = p.LaunchTemplate ? await resolveLaunchTemplate(ctx, p.LaunchTemplate) : undefined;
  const own = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
  const data = { ...(template?.data ?? {}), ...own } as RequestLaunchTemplateData & { SubnetId?: string; SecurityGroups?: string[] };
  // TagSpecifications of the request add to the template's.
  data.TagSpecifications = [...((template?.data.TagSpecifications as never[]) ?? []), ...(p.TagSpecifications ?? [])] as never;
  const spec = await launchSpecOf(ctx, data, template ? { launchTemplate: template.ref } : {});
  // A workshop account's instance quota: MinCount must fit, then as many as fit up to MaxCount, as EC2 does.
  const quota = instancesAllowed(ctx, Math.min(p.MaxCount, MAX_PER_CALL));
  if (quota.allowed < p.MinCount) throw new AwsError("InstanceLimitExceeded", instanceLimitText(quota.used! + p.MinCount, quota.limit!));
  const count = quota.allowed;
  const launched = [];
  for (let k = 0; k < count; k++) launched.push(await ctx.fleet.launch(ctx, { asgName: null, ...spec }));
  const names = await groupNamesOf(ctx);
  return {
    ReservationId: `r-${launched[0]!.id.slice(2)}`,
    OwnerId: ctx.scope.accountId,
    Groups: [],
    // EC2 answers before the instances boot: pending here, running to the waiter's next poll.
    Instances: launched.map((i, n) => ({ ...instanceXml(ctx, i, names), AmiLaunchIndex: n, State: { Code: 0, Name: "pending" as const } })),
  };
};

async function requireInstances(ctx: ActionContext, ids: string[]) {
  const rows = await ctx.db.ec2Instance.findMany({ where: { id: { in: ids } } });
  const missing = ids.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length === 1) throw new AwsError("InvalidInstanceID.NotFound", `The instance ID '${missing[0]}' does not exist`);
  if (missing.length) throw new AwsError("InvalidInstanceID.NotFound", `The instance IDs '${missing.join(", ")}' do not exist`);
  return ids.map((id) => rows.find((r) => r.id === id)!);
}

const change = (id: string, from: string, to: string): InstanceStateChange => ({
  InstanceId: id,
  PreviousState: { Code: STATE_CODES[from] ?? 0, Name: from as InstanceStateName },
  CurrentState: { Code: STATE_CODES[to] ?? 0, Name: to as InstanceStateName },
});

export const terminateInstances: Ec2Action<"TerminateInstances"> = async (p, ctx) => {
  const instances = await requireInstances(ctx, p.InstanceIds);
  const changes = [];
  for (const i of instances) {
    if (i.state === "terminated" || i.state === "shutting-down") {
      changes.push(change(i.id, i.state, i.state));
      continue;
    }
    changes.push(change(i.id, i.state, "shutting-down"));
    const asgName = i.asgName;
    // A group's instance terminated through EC2 is replaced once it is gone, as the group's health check would.
    background(`terminating ${i.id}`, ctx.fleet.terminate(ctx, i.id).then(async (gone) => {
      if (gone && asgName) await reconcileGroup(ctx, asgName);
    }));
  }
  return { TerminatingInstances: changes };
};

export const stopInstances: Ec2Action<"StopInstances"> = async (p, ctx) => {
  const instances = await requireInstances(ctx, p.InstanceIds);
  for (const i of instances) {
    if (!["running", "stopping", "stopped", "pending"].includes(i.state)) throw new AwsError("IncorrectInstanceState", `This instance '${i.id}' is not in a state from which it can be stopped.`);
    if (i.asgName) throw new AwsError("UnsupportedOperation", `The instance '${i.id}' belongs to an Auto Scaling group and cannot be stopped here.`);
  }
  return {
    StoppingInstances: instances.map((i) => {
      if (i.state === "running" || i.state === "pending") background(`stopping ${i.id}`, ctx.fleet.stop(ctx, i.id));
      return change(i.id, i.state, i.state === "stopped" ? "stopped" : "stopping");
    }),
  };
};

export const startInstances: Ec2Action<"StartInstances"> = async (p, ctx) => {
  const instances = await requireInstances(ctx, p.InstanceIds);
  for (const i of instances) {
    if (!["running", "pending", "stopped"].includes(i.state)) throw new AwsError("IncorrectInstanceState", `The instance '${i.id}' is not in a state from which it can be started.`);
  }
  const changes = [];
  for (const i of instances) {
    if (i.state === "stopped") await ctx.fleet.start(ctx, i.id);
    changes.push(change(i.id, i.state, i.state === "stopped" ? "pending" : i.state));
  }
  return { StartingInstances: changes };
};
