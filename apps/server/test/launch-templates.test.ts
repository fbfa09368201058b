/**
 * Launch templates and the Auto Scaling groups made from them, as the ECS console's create-cluster
 * wizard makes them: versions, $Latest and $Default, a group in the default VPC's subnets whose
 * instances register with the cluster the template's user data names, scaling policies and lifecycle
 * hooks; with the AWS CLI v2 and the SDK.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateAutoScalingGroupCommand,
  DeletePolicyCommand,
  DescribeAutoScalingGroupsCommand,
  DescribePoliciesCommand,
  ExecutePolicyCommand,
  PutScalingPolicyCommand,
} from "@aws-sdk/client-auto-scaling";
import { CreateLaunchTemplateCommand, CreateLaunchTemplateVersionCommand, DescribeLaunchTemplateVersionsCommand, EC2Client, ModifyLaunchTemplateCommand } from "@aws-sdk/client-ec2";
import { CreateClusterCommand, DescribeContainerInstancesCommand, ListContainerInstancesCommand } from "@aws-sdk/client-ecs";
import { defaultSubnets } from "@stevedore/shared";
import { credentials, startTestServer, waitFor, type TestServer } from "./support/test-server.ts";
import { awsCli } from "./support/aws-cli.ts";

let t: TestServer;
let ec2: EC2Client;
before(async () => {
  t = await startTestServer("127.112");
  ec2 = new EC2Client({ endpoint: t.server.url, region: "us-east-1", credentials });
});
after(async () => {
  await t?.close();
});

const aws = awsCli(() => t);
const userData = (cluster: string) => Buffer.from(`#!/bin/bash\necho ECS_CLUSTER=${cluster} >> /etc/ecs/ecs.config\n`).toString("base64");

test("launch template versions: $Latest, $Default, a new default", async () => {
  const created = await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: "versions-lt", VersionDescription: "first", LaunchTemplateData: { ImageId: "ami-0123456789abcdef0", InstanceType: "t3.micro" } }));
  const id = created.LaunchTemplate!.LaunchTemplateId!;
  assert.match(id, /^lt-[0-9a-f]{17}$/);
  await ec2.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: id, SourceVersion: "1", LaunchTemplateData: { InstanceType: "t3.small" } }));
  const latest = await ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: id, Versions: ["$Latest"] }));
  assert.deepEqual([latest.LaunchTemplateVersions![0]!.VersionNumber, latest.LaunchTemplateVersions![0]!.LaunchTemplateData!.InstanceType, latest.LaunchTemplateVersions![0]!.LaunchTemplateData!.ImageId], [2, "t3.small", "ami-0123456789abcdef0"]);
  await ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: id, DefaultVersion: "2" }));
  const all = await aws("ec2", "describe-launch-template-versions", "--launch-template-name", "versions-lt");
  assert.deepEqual(all.LaunchTemplateVersions.map((v: { VersionNumber: number; DefaultVersion: boolean }) => [v.VersionNumber, v.DefaultVersion]).sort(), [[1, false], [2, true]]);
  await assert.rejects(ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: "versions-lt", LaunchTemplateData: { InstanceType: "t3.micro" } })), (err: Error) => err.name === "InvalidLaunchTemplateName.AlreadyExistsException");
  await aws("ec2", "delete-launch-template", "--launch-template-id", id);
  assert.deepEqual((await aws("ec2", "describe-launch-templates")).LaunchTemplates, []);
});

test("an Auto Scaling group from a launch template in the default subnets: its instances register with the template's cluster", { timeout: 180_000 }, async () => {
  await t.ecs.send(new CreateClusterCommand({ clusterName: "wizard" }));
  const ami = (await aws("ssm", "get-parameter", "--name", "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id")).Parameter.Value;
  const data = JSON.stringify({ ImageId: ami, InstanceType: "t3.small", UserData: userData("wizard") });
  const lt = await aws("ec2", "create-launch-template", "--launch-template-name", "wizard-lt", "--launch-template-data", data);
  const [a, b] = defaultSubnets("us-east-1");
  assert.match(
    await aws("autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", "bad", "--launch-template", "LaunchTemplateName=nope", "--min-size", "0", "--max-size", "1").catch((err: Error) => err.message),
    /ValidationError.*You must use a valid fully-formed launch template/,
  );
  await aws(
    "autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", "wizard-asg", "--launch-template", `LaunchTemplateId=${lt.LaunchTemplate.LaunchTemplateId},Version=$Latest`,
    "--min-size", "0", "--max-size", "4", "--desired-capacity", "2", "--vpc-zone-identifier", `${a!.subnetId},${b!.subnetId}`,
  );
  const group = (await t.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ["wizard-asg"] }))).AutoScalingGroups![0]!;
  assert.deepEqual(group.LaunchTemplate, { LaunchTemplateId: lt.LaunchTemplate.LaunchTemplateId, LaunchTemplateName: "wizard-lt", Version: "$Latest" });
  assert.equal(group.LaunchConfigurationName, undefined);
  assert.deepEqual(group.AvailabilityZones!.sort(), ["us-east-1a", "us-east-1b"]);
  assert.equal(group.VPCZoneIdentifier, `${a!.subnetId},${b!.subnetId}`);
  assert.equal(group.Instances!.length, 2);
  assert.equal(group.Instances![0]!.LaunchTemplate!.LaunchTemplateName, "wizard-lt");
  const arns = await waitFor("both instances to register", async () => {
    const { containerInstanceArns } = await t.ecs.send(new ListContainerInstancesCommand({ cluster: "wizard" }));
    return containerInstanceArns?.length === 2 ? containerInstanceArns : undefined;
  });
  const described = (await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: "wizard", containerInstances: arns }))).containerInstances!;
  assert.deepEqual(described.map((c) => c.attributes!.find((x) => x.name === "ecs.instance-type")?.value), ["t3.small", "t3.small"]);
  const instances = await aws("ec2", "describe-instances", "--filters", "Name=tag:aws:autoscaling:groupName,Values=wizard-asg", "--query", "Reservations[].Instances[].SubnetId");
  assert.deepEqual([...instances].sort(), [a!.subnetId, b!.subnetId].sort());

  // Scaling policies: a target tracking one with its alarms, a simple one executed.
  const tracking = await aws(
    "autoscaling", "put-scaling-policy", "--auto-scaling-group-name", "wizard-asg", "--policy-name", "cpu50", "--policy-type", "TargetTrackingScaling",
    "--target-tracking-configuration", JSON.stringify({ PredefinedMetricSpecification: { PredefinedMetricType: "ASGAverageCPUUtilization" }, TargetValue: 50 }),
  );
  assert.match(tracking.PolicyARN, /^arn:aws:autoscaling:us-east-1:\d{12}:scalingPolicy:[0-9a-f-]{36}:autoScalingGroupName\/wizard-asg:policyName\/cpu50$/);
  assert.equal(tracking.Alarms.length, 2);
  await t.autoscaling.send(new PutScalingPolicyCommand({ AutoScalingGroupName: "wizard-asg", PolicyName: "step-in", PolicyType: "SimpleScaling", AdjustmentType: "ChangeInCapacity", ScalingAdjustment: -1 }));
  const policies = await t.autoscaling.send(new DescribePoliciesCommand({ AutoScalingGroupName: "wizard-asg" }));
  assert.deepEqual(policies.ScalingPolicies!.map((p) => [p.PolicyName, p.PolicyType]), [["cpu50", "TargetTrackingScaling"], ["step-in", "SimpleScaling"]]);
  assert.equal(policies.ScalingPolicies![0]!.TargetTrackingConfiguration!.TargetValue, 50);
  await t.autoscaling.send(new ExecutePolicyCommand({ AutoScalingGroupName: "wizard-asg", PolicyName: "step-in" }));
  assert.equal((await t.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ["wizard-asg"] }))).AutoScalingGroups![0]!.DesiredCapacity, 1);
  await t.autoscaling.send(new DeletePolicyCommand({ AutoScalingGroupName: "wizard-asg", PolicyName: "step-in" }));

  await aws("autoscaling", "put-lifecycle-hook", "--auto-scaling-group-name", "wizard-asg", "--lifecycle-hook-name", "drain", "--lifecycle-transition", "autoscaling:EC2_INSTANCE_TERMINATING", "--heartbeat-timeout", "300");
  const hooks = await aws("autoscaling", "describe-lifecycle-hooks", "--auto-scaling-group-name", "wizard-asg");
  assert.deepEqual(hooks.LifecycleHooks.map((h: { LifecycleHookName: string; HeartbeatTimeout: number }) => [h.LifecycleHookName, h.HeartbeatTimeout]), [["drain", 300]]);
  await aws("autoscaling", "delete-auto-scaling-group", "--auto-scaling-group-name", "wizard-asg", "--force-delete");
});

test("an Auto Scaling group from a MixedInstancesPolicy's launch template, with the SDK", { timeout: 120_000 }, async () => {
  const lt = await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: "mixed-lt", LaunchTemplateData: { ImageId: "ami-0123456789abcdef0", InstanceType: "t3.micro" } }));
  await t.autoscaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: "mixed-asg",
      MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: { LaunchTemplateId: lt.LaunchTemplate!.LaunchTemplateId!, Version: "$Default" } } },
      MinSize: 1,
      MaxSize: 1,
      AvailabilityZones: ["us-east-1c"],
    }),
  );
  const group = (await t.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ["mixed-asg"] }))).AutoScalingGroups![0]!;
  assert.equal(group.Instances!.length, 1);
  assert.equal(group.Instances![0]!.AvailabilityZone, "us-east-1c");
  await aws("autoscaling", "delete-auto-scaling-group", "--auto-scaling-group-name", "mixed-asg", "--force-delete");
});
