/**
 * What one instance launches, from launch data (RunInstances' own fields over its launch template's,
 * or an Auto Scaling group's template), checked as EC2 checks it: image, type, subnet and zone,
 * security groups, key pair, instance profile, user data.
 */
import { availabilityZones, defaultSubnets, findInstanceType, INSTANCE_TYPES, subnetAvailabilityZone } from "@stevedore/shared";
import type { RequestLaunchTemplateData } from "@stevedore/shared/aws/models/ec2";
import type { ActionContext } from "../aws/context.ts";
import { AwsError } from "../aws/errors.ts";
import { findInstanceProfile, findInstanceProfileByArn } from "../store/iam.ts";
import { listKeyPairs } from "../store/ec2-resources.ts";
import { accountGroups, requireGroups } from "./security-groups.ts";
import { tagsOf } from "./tags.ts";
import type { LaunchSpec } from "./instances.ts";

const invalid = (message: string) => new AwsError("InvalidParameterValue", message);

export async function launchSpecOf(ctx: ActionContext, data: RequestLaunchTemplateData & { SubnetId?: string | undefined; SecurityGroups?: string[] | undefined }, extra: Partial<LaunchSpec> = {}): Promise<Omit<LaunchSpec, "asgName">> {
  if (!data.ImageId) throw new AwsError("MissingParameter", "The request must contain the parameter ImageId");
  if (!/^ami-[0-9a-z]+$/.test(data.ImageId)) throw new AwsError("InvalidAMIID.Malformed", `Invalid id: "${data.ImageId}" (expecting "ami-...")`);
  const instanceType = data.InstanceType ?? "m1.small";
  if (!findInstanceType(instanceType)) throw invalid(`Invalid value '${instanceType}' for InstanceType. Supported types: ${INSTANCE_TYPES.map((t) => t.name).join(", ")}.`);
  const network = data.NetworkInterfaces?.[0];
  const subnetId = data.SubnetId ?? network?.SubnetId;
  if (subnetId && !defaultSubnets(ctx.scope.region).some((s) => s.subnetId === subnetId)) throw new AwsError("InvalidSubnetID.NotFound", `The subnet ID '${subnetId}' does not exist`);
  const zone = subnetId ? subnetAvailabilityZone(ctx.scope.region, subnetId) : (data.Placement?.AvailabilityZone ?? availabilityZones(ctx.scope.region)[0]!);
  if (!availabilityZones(ctx.scope.region).includes(zone)) throw invalid(`Invalid availability zone: [${zone}]`);
  const groupIds = [...(data.SecurityGroupIds ?? []), ...(network?.Groups ?? [])];
  const groups = await requireGroups(ctx, groupIds);
  for (const name of data.SecurityGroups ?? []) {
    const found = (await accountGroups(ctx)).find((g) => g.name === name);
    if (!found) throw new AwsError("InvalidGroup.NotFound", `The security group '${name}' does not exist in default VPC`);
    groups.push(found);
  }
  if (data.KeyName && !(await listKeyPairs(ctx.allAccounts, ctx.scope.accountId)).some((k) => k.name === data.KeyName)) {
    throw new AwsError("InvalidKeyPair.NotFound", `The key pair '${data.KeyName}' does not exist`);
  }
  let profileArn: string | null = null;
  const profile = data.IamInstanceProfile;
  if (profile?.Arn || profile?.Name) {
    const found = profile.Arn ? await findInstanceProfileByArn(ctx.allAccounts, ctx.scope.accountId, profile.Arn) : await findInstanceProfile(ctx.allAccounts, ctx.scope.accountId, profile.Name!);
    if (!found) throw invalid(profile.Arn ? `Value (${profile.Arn}) for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN` : `Value (${profile.Name}) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name`);
    profileArn = found.arn;
  }
  let userData: string | null = null;
  if (data.UserData) {
    if (!/^[A-Za-z0-9+/=\s]*$/.test(data.UserData)) throw invalid("Invalid BASE64 encoding of user data.");
    userData = Buffer.from(data.UserData, "base64").toString("utf8");
  }
  return {
    instanceType,
    imageId: data.ImageId,
    availabilityZone: zone,
    userData,
    keyName: data.KeyName ?? null,
    subnetId: subnetId ?? null,
    securityGroupIds: [...new Set(groups.map((g) => g.id))],
    iamInstanceProfileArn: profileArn,
    tags: tagsOf(data.TagSpecifications as never, "instance"),
    ...extra,
  };
}

