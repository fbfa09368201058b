/**
 * EC2 around ECS with the AWS CLI v2 and the SDK: key pairs, security groups and their rules, zones,
 * the ECS-optimized AMI from SSM's public parameters, RunInstances with ECS_CLUSTER user data and an
 * instance profile (its agent registers), the instance-running and instance-terminated waiters, the
 * public IP that answers on this machine, stop and start, tags, and EC2's errors.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createPrivateKey } from "node:crypto";
import { promisify } from "node:util";
import { after, before, test } from "node:test";
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DescribeAvailabilityZonesCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
  DescribeTagsCommand,
  EC2Client,
  ImportKeyPairCommand,
  RevokeSecurityGroupIngressCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
  waitUntilInstanceTerminated,
} from "@aws-sdk/client-ec2";
import { GetParameterCommand, GetParametersByPathCommand, SSMClient } from "@aws-sdk/client-ssm";
import { CreateClusterCommand, ListContainerInstancesCommand, DescribeContainerInstancesCommand } from "@aws-sdk/client-ecs";
import { credentials, startTestServer, waitFor, type TestServer } from "./support/test-server.ts";
import { awsCli } from "./support/aws-cli.ts";

let t: TestServer;
let ec2: EC2Client;
let ssm: SSMClient;
before(async () => {
  t = await startTestServer("127.111");
  ec2 = new EC2Client({ endpoint: t.server.url, region: "us-east-1", credentials });
  ssm = new SSMClient({ endpoint: t.server.url, region: "us-east-1", credentials });
});
after(async () => {
  await t?.close();
});

const aws = awsCli(() => t);
async function awsError(...args: string[]): Promise<string> {
  try {
    await promisify(execFile)("/usr/bin/aws", ["--endpoint-url", t.server.url, ...args], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_DEFAULT_REGION: "us-east-1", AWS_PAGER: "" },
    });
  } catch (err) {
    return String((err as { stderr?: string }).stderr);
  }
  throw new Error(`aws ${args.join(" ")} succeeded`);
}

test("the ECS-optimized AMI from SSM's public parameters, as the tutorials read it", async () => {
  const out = await aws("ssm", "get-parameters", "--names", "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended", "/aws/service/nope");
  const value = JSON.parse(out.Parameters[0].Value);
  assert.match(value.image_id, /^ami-[0-9a-f]{17}$/);
  assert.equal(value.os, "Amazon Linux 2");
  assert.deepEqual(out.InvalidParameters, ["/aws/service/nope"]);
  const imageId = await ssm.send(new GetParameterCommand({ Name: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id" }));
  assert.match(imageId.Parameter!.Value!, /^ami-/);
  await assert.rejects(ssm.send(new GetParameterCommand({ Name: "/aws/service/ecs/none" })), { name: "ParameterNotFound" });
  const byPath = await ssm.send(new GetParametersByPathCommand({ Path: "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended" }));
  assert.ok(byPath.Parameters!.some((p) => p.Name!.endsWith("/image_id")));
  const images = await ec2.send(new DescribeImagesCommand({ ImageIds: [value.image_id] }));
  assert.equal(images.Images![0]!.Name, value.image_name);
  assert.equal(images.Images![0]!.OwnerId, "591542846629");
  const zones = await ec2.send(new DescribeAvailabilityZonesCommand({}));
  assert.deepEqual(zones.AvailabilityZones!.map((z) => [z.ZoneName, z.ZoneId, z.State]), [
    ["us-east-1a", "use1-az1", "available"],
    ["us-east-1b", "use1-az2", "available"],
    ["us-east-1c", "use1-az3", "available"],
  ]);
});

test("key pairs: created with their private key once, imported, described, deleted", async () => {
  const created = await aws("ec2", "create-key-pair", "--key-name", "tutorial-key");
  assert.match(created.KeyMaterial, /^-----BEGIN RSA PRIVATE KEY-----/);
  createPrivateKey(created.KeyMaterial);
  assert.match(created.KeyFingerprint, /^([0-9a-f]{2}:){19}[0-9a-f]{2}$/);
  assert.match(await awsError("ec2", "create-key-pair", "--key-name", "tutorial-key"), /InvalidKeyPair.Duplicate.*The keypair 'tutorial-key' already exists/);
  const described = await aws("ec2", "describe-key-pairs", "--key-names", "tutorial-key", "--include-public-key");
  assert.match(described.KeyPairs[0].PublicKey, /^ssh-rsa AAAA/);
  const publicKey = described.KeyPairs[0].PublicKey as string;
  const imported = await ec2.send(new ImportKeyPairCommand({ KeyName: "imported", PublicKeyMaterial: Buffer.from(publicKey) }));
  assert.match(imported.KeyFingerprint!, /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
  const ed = await ec2.send(new CreateKeyPairCommand({ KeyName: "ed", KeyType: "ed25519" }));
  assert.match(ed.KeyMaterial!, /PRIVATE KEY/);
  assert.match(await awsError("ec2", "describe-key-pairs", "--key-names", "missing"), /InvalidKeyPair.NotFound/);
  await ec2.send(new DeleteKeyPairCommand({ KeyName: "imported" }));
  await ec2.send(new DeleteKeyPairCommand({ KeyName: "ed" }));
  await ec2.send(new DeleteKeyPairCommand({ KeyName: "never-existed" }));
  assert.deepEqual((await ec2.send(new DescribeKeyPairsCommand({}))).KeyPairs!.map((k) => k.KeyName), ["tutorial-key"]);
});

test("security groups: the default one, created ones with ingress rules, duplicates and deletion as EC2 words them", async () => {
  const vpc = (await aws("ec2", "describe-vpcs", "--filters", "Name=is-default,Values=true")).Vpcs[0].VpcId;
  const { GroupId } = await aws("ec2", "create-security-group", "--group-name", "web-sg", "--description", "web", "--vpc-id", vpc, "--tag-specifications", "ResourceType=security-group,Tags=[{Key=project,Value=tutorial}]");
  assert.match(GroupId, /^sg-[0-9a-f]{17}$/);
  await aws("ec2", "authorize-security-group-ingress", "--group-id", GroupId, "--protocol", "tcp", "--port", "80", "--cidr", "0.0.0.0/0");
  assert.match(await awsError("ec2", "authorize-security-group-ingress", "--group-id", GroupId, "--protocol", "tcp", "--port", "80", "--cidr", "0.0.0.0/0"), /InvalidPermission.Duplicate/);
  assert.match(await awsError("ec2", "create-security-group", "--group-name", "web-sg", "--description", "again"), /InvalidGroup.Duplicate/);
  const byName = await aws("ec2", "describe-security-groups", "--group-names", "web-sg");
  assert.deepEqual(byName.SecurityGroups[0].IpPermissions, [{ IpProtocol: "tcp", FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: "0.0.0.0/0" }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }]);
  assert.deepEqual(byName.SecurityGroups[0].Tags, [{ Key: "project", Value: "tutorial" }]);
  const byFilter = await aws("ec2", "describe-security-groups", "--filters", "Name=tag:project,Values=tut*");
  assert.deepEqual(byFilter.SecurityGroups.map((g: { GroupId: string }) => g.GroupId), [GroupId]);
  const groups = await ec2.send(new DescribeSecurityGroupsCommand({}));
  assert.deepEqual(groups.SecurityGroups!.map((g) => g.GroupName).sort(), ["default", "web-sg"]);

  // The SDK: a second group, a rule referencing the first, revoke, delete in EC2's order.
  const other = await ec2.send(new CreateSecurityGroupCommand({ GroupName: "app-sg", Description: "app" }));
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: other.GroupId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId }] }] }));
  await assert.rejects(ec2.send(new DeleteSecurityGroupCommand({ GroupId })), (err: Error) => err.name === "DependencyViolation");
  await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: other.GroupId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId }] }] }));
  await ec2.send(new DeleteSecurityGroupCommand({ GroupId: other.GroupId }));
  const defaultGroup = groups.SecurityGroups!.find((g) => g.GroupName === "default")!;
  await assert.rejects(ec2.send(new DeleteSecurityGroupCommand({ GroupId: defaultGroup.GroupId })), (err: Error) => err.name === "CannotDelete");
});

test("RunInstances with ECS_CLUSTER user data and an instance profile: the agent registers, the public IP answers, the waiters see it run, stop, start and terminate", { timeout: 240_000 }, async () => {
  await t.ecs.send(new CreateClusterCommand({ clusterName: "ec2-tutorial" }));
  const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });
  await aws("iam", "create-role", "--role-name", "ecsInstanceRole", "--assume-role-policy-document", trust);
  await aws("iam", "create-instance-profile", "--instance-profile-name", "ecsInstanceRole");
  await aws("iam", "add-role-to-instance-profile", "--instance-profile-name", "ecsInstanceRole", "--role-name", "ecsInstanceRole");
  const ami = (await aws("ssm", "get-parameters", "--names", "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id")).Parameters[0].Value;
  const sg = (await aws("ec2", "describe-security-groups", "--group-names", "web-sg")).SecurityGroups[0].GroupId;
  const subnet = (await aws("ec2", "describe-subnets", "--filters", "Name=default-for-az,Values=true", "Name=availability-zone,Values=us-east-1b")).Subnets[0].SubnetId;

  assert.match(await awsError("ec2", "run-instances", "--image-id", ami, "--instance-type", "t3.micro", "--iam-instance-profile", "Name=nope"), /InvalidParameterValue.*iamInstanceProfile.name/);
  assert.match(await awsError("ec2", "run-instances", "--image-id", ami, "--instance-type", "t3.micro", "--key-name", "nope"), /InvalidKeyPair.NotFound/);
  assert.match(await awsError("ec2", "run-instances", "--image-id", ami, "--instance-type", "t3.micro", "--security-group-ids", "sg-0123456789abcdef0"), /InvalidGroup.NotFound/);

  const run = await aws(
    "ec2", "run-instances", "--image-id", ami, "--instance-type", "t3.micro", "--key-name", "tutorial-key", "--security-group-ids", sg, "--subnet-id", subnet,
    "--iam-instance-profile", "Name=ecsInstanceRole", "--user-data", "#!/bin/bash\necho ECS_CLUSTER=ec2-tutorial >> /etc/ecs/ecs.config",
    "--tag-specifications", "ResourceType=instance,Tags=[{Key=Name,Value=ecs-tutorial-instance}]", "--monitoring", "Enabled=false",
    "--metadata-options", "HttpTokens=required,HttpPutResponseHopLimit=1",
  );
  const instance = run.Instances[0];
  assert.equal(instance.State.Name, "pending");
  const id = instance.InstanceId as string;
  await aws("ec2", "wait", "instance-running", "--instance-ids", id);
  const described = (await aws("ec2", "describe-instances", "--instance-ids", id)).Reservations[0].Instances[0];
  assert.equal(described.Placement.AvailabilityZone, "us-east-1b");
  assert.equal(described.SubnetId, subnet);
  assert.equal(described.KeyName, "tutorial-key");
  assert.deepEqual(described.SecurityGroups, [{ GroupId: sg, GroupName: "web-sg" }]);
  assert.equal(described.IamInstanceProfile.Arn, `arn:aws:iam::${t.config.accountId}:instance-profile/ecsInstanceRole`);
  assert.match(described.PublicIpAddress, /^127\.111\./);
  assert.deepEqual(described.Tags, [{ Key: "Name", Value: "ecs-tutorial-instance" }]);
  const byTag = await aws("ec2", "describe-instances", "--filters", "Name=tag:Name,Values=ecs-tutorial-instance", "Name=instance-state-name,Values=running", "--query", "Reservations[].Instances[].InstanceId");
  assert.deepEqual(byTag, [id]);

  const registered = await waitFor("the instance's agent to register", async () => {
    const { containerInstanceArns } = await t.ecs.send(new ListContainerInstancesCommand({ cluster: "ec2-tutorial" }));
    return containerInstanceArns?.length ? containerInstanceArns : undefined;
  });
  const ci = (await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: "ec2-tutorial", containerInstances: registered }))).containerInstances![0]!;
  assert.equal(ci.ec2InstanceId, id);
  // The instance is in use: its security group cannot go.
  assert.match(await awsError("ec2", "delete-security-group", "--group-id", sg), /DependencyViolation/);

  await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: "team", Value: "red" }] }));
  const tags = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: "resource-id", Values: [id] }] }));
  assert.deepEqual(tags.Tags!.map((x) => x.Key).sort(), ["Name", "team"]);

  // Stop and start with the SDK's waiters: the agent goes with the stop and registers again after the start.
  await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
  assert.equal((await waitUntilInstanceStopped({ client: ec2, maxWaitTime: 120, minDelay: 1 }, { InstanceIds: [id] })).state, "SUCCESS");
  assert.equal((await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0]!.Instances![0]!.PublicIpAddress, undefined);
  await ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
  assert.equal((await waitUntilInstanceRunning({ client: ec2, maxWaitTime: 60, minDelay: 1 }, { InstanceIds: [id] })).state, "SUCCESS");
  await waitFor("the started instance's agent to register again", async () => {
    const { containerInstanceArns } = await t.ecs.send(new ListContainerInstancesCommand({ cluster: "ec2-tutorial", status: "ACTIVE" }));
    return containerInstanceArns?.length === 1;
  });

  await aws("ec2", "terminate-instances", "--instance-ids", id);
  await aws("ec2", "wait", "instance-terminated", "--instance-ids", id);
  await aws("ec2", "delete-security-group", "--group-id", sg);
  await aws("ec2", "delete-key-pair", "--key-name", "tutorial-key");
  assert.match(await awsError("ec2", "terminate-instances", "--instance-ids", "i-0123456789abcdef0"), /InvalidInstanceID.NotFound.*The instance ID 'i-0123456789abcdef0' does not exist/);

  // The SDK launches two at once and its waiter sees them terminate.
  const two = await ec2.send(new RunInstancesCommand({ ImageId: ami, InstanceType: "t3.micro", MinCount: 2, MaxCount: 2 }));
  const ids = two.Instances!.map((i) => i.InstanceId!);
  assert.equal(ids.length, 2);
  await ec2.send(new TerminateInstancesCommand({ InstanceIds: ids }));
  assert.equal((await waitUntilInstanceTerminated({ client: ec2, maxWaitTime: 120, minDelay: 1 }, { InstanceIds: ids })).state, "SUCCESS");
});
