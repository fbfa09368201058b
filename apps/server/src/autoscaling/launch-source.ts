/**
 * What an Auto Scaling group launches: its launch configuration, or its launch template's version
 * (the ECS console's create-cluster wizard makes a template), resolved as EC2 resolves it at launch.
 */
import type { ActionContext } from "../aws/context.ts";
import { validationError } from "../aws/errors.ts";
import type { LaunchSpec } from "../ec2/instances.ts";
import { resolveLaunchTemplate } from "../ec2/launch-templates.ts";
import { launchSpecOf } from "../ec2/launch-spec.ts";

export interface GroupLaunchTemplate {
  LaunchTemplateId: string;
  LaunchTemplateName: string;
  Version: string;
}

type AutoScalingGroup = NonNullable<Awaited<ReturnType<ActionContext["db"]["autoScalingGroup"]["findFirst"]>>>;

export function groupTemplate(g: Pick<AutoScalingGroup, "launchTemplate">): GroupLaunchTemplate | undefined {
  try {
    return g.launchTemplate ? (JSON.parse(g.launchTemplate) as GroupLaunchTemplate) : undefined;
  } catch {
    return undefined;
  }
}

/** The launch of one instance of the group in a zone (and its subnet, for groups in a VPC). */
export async function groupLaunchSpec(ctx: ActionContext, group: AutoScalingGroup, zone: string, subnetId?: string): Promise<LaunchSpec | undefined> {
  const template = groupTemplate(group);
  if (template) {
    const { data, ref } = await resolveLaunchTemplate(ctx, { LaunchTemplateId: template.LaunchTemplateId, Version: template.Version });
    const spec = await launchSpecOf(ctx, { ...data, NetworkInterfaces: undefined, Placement: { AvailabilityZone: zone }, SubnetId: subnetId }, { launchTemplate: ref });
    return { asgName: group.name, ...spec, availabilityZone: zone };
  }
  const lc = await ctx.db.launchConfiguration.findFirst({ where: { name: group.launchConfigurationName } });
  if (!lc) return undefined;
  return {
    asgName: group.name,
    instanceType: lc.instanceType,
    imageId: lc.imageId,
    availabilityZone: zone,
    userData: lc.userData ? Buffer.from(lc.userData, "base64").toString("utf8") : null,
    ...(subnetId ? { subnetId } : {}),
  };
}

/** The instance type the group launches, for managed scaling's arithmetic. */
export async function groupInstanceType(ctx: ActionContext, group: AutoScalingGroup): Promise<string | undefined> {
  const template = groupTemplate(group);
  if (!template) return (await ctx.db.launchConfiguration.findFirst({ where: { name: group.launchConfigurationName } }))?.instanceType;
  const { data } = await resolveLaunchTemplate(ctx, { LaunchTemplateId: template.LaunchTemplateId, Version: template.Version }).catch(() => ({ data: undefined }));
  return data?.InstanceType;
}

/** A group's launch template as CreateAutoScalingGroup and UpdateAutoScalingGroup take it, checked launchable. */
export async function checkedTemplate(ctx: ActionContext, spec: { LaunchTemplateId?: string | undefined; LaunchTemplateName?: string | undefined; Version?: string | undefined }): Promise<GroupLaunchTemplate> {
  try {
    const { data, ref } = await resolveLaunchTemplate(ctx, spec);
    await launchSpecOf(ctx, { ...data, NetworkInterfaces: undefined });
    return { LaunchTemplateId: ref.id, LaunchTemplateName: ref.name, Version: spec.Version ?? "$Default" };
  } catch (err) {
    throw validationError(`You must use a valid fully-formed launch template. ${(err as Error).message}`);
  }
}
