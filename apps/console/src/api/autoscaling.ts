/** The Auto Scaling Query API actions the console uses (what the AWS console does through CloudFormation). */
import { callQuery, child, children, num, path, text } from "./query-client.ts";

const VERSION = "2011-01-01";

export interface AsgInstance {
  instanceId: string;
  instanceType?: string;
  availabilityZone?: string;
  lifecycleState?: string;
  healthStatus?: string;
  launchConfigurationName?: string;
}

export interface AutoScalingGroup {
  name: string;
  arn: string;
  launchConfigurationName?: string;
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  availabilityZones: string[];
  instances: AsgInstance[];
  status?: string;
  createdTime?: string;
}

export async function createLaunchConfiguration(input: {
  name: string;
  imageId: string;
  instanceType: string;
  userDataBase64: string;
}): Promise<void> {
  await callQuery("CreateLaunchConfiguration", VERSION, {
    LaunchConfigurationName: input.name,
    ImageId: input.imageId,
    InstanceType: input.instanceType,
    UserData: input.userDataBase64,
  });
}

export async function createAutoScalingGroup(input: {
  name: string;
  launchConfigurationName: string;
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  availabilityZones: string[];
}): Promise<void> {
  await callQuery("CreateAutoScalingGroup", VERSION, {
    AutoScalingGroupName: input.name,
    LaunchConfigurationName: input.launchConfigurationName,
    MinSize: input.minSize,
    MaxSize: input.maxSize,
    DesiredCapacity: input.desiredCapacity,
    AvailabilityZones: input.availabilityZones,
  });
}

export async function deleteLaunchConfiguration(name: string): Promise<void> {
  await callQuery("DeleteLaunchConfiguration", VERSION, { LaunchConfigurationName: name });
}

export async function setDesiredCapacity(name: string, desiredCapacity: number): Promise<void> {
  await callQuery("SetDesiredCapacity", VERSION, { AutoScalingGroupName: name, DesiredCapacity: desiredCapacity });
}

export async function deleteAutoScalingGroup(name: string): Promise<void> {
  await callQuery("DeleteAutoScalingGroup", VERSION, { AutoScalingGroupName: name, ForceDelete: "true" });
}

function readGroup(m: Element): AutoScalingGroup {
  return {
    name: text(m, "AutoScalingGroupName") ?? "",
    arn: text(m, "AutoScalingGroupARN") ?? "",
    launchConfigurationName: text(m, "LaunchConfigurationName"),
    minSize: num(m, "MinSize") ?? 0,
    maxSize: num(m, "MaxSize") ?? 0,
    desiredCapacity: num(m, "DesiredCapacity") ?? 0,
    availabilityZones: path(m, "AvailabilityZones", "member").map((z) => z.textContent ?? ""),
    instances: path(m, "Instances", "member").map((i) => ({
      instanceId: text(i, "InstanceId") ?? "",
      instanceType: text(i, "InstanceType"),
      availabilityZone: text(i, "AvailabilityZone"),
      lifecycleState: text(i, "LifecycleState"),
      healthStatus: text(i, "HealthStatus"),
      launchConfigurationName: text(i, "LaunchConfigurationName"),
    })),
    status: text(m, "Status"),
    createdTime: text(m, "CreatedTime"),
  };
}

/** DescribeAutoScalingGroups, following NextToken. An empty `names` list describes every group. */
export async function describeAutoScalingGroups(names: readonly string[], signal?: AbortSignal): Promise<AutoScalingGroup[]> {
  const groups: AutoScalingGroup[] = [];
  let nextToken: string | undefined;
  do {
    const root = await callQuery(
      "DescribeAutoScalingGroups",
      VERSION,
      { AutoScalingGroupNames: names.length ? names : undefined, NextToken: nextToken },
      "member",
      signal,
    );
    const result = child(root, "DescribeAutoScalingGroupsResult");
    groups.push(...children(child(result, "AutoScalingGroups"), "member").map(readGroup));
    nextToken = text(result, "NextToken") || undefined;
  } while (nextToken);
  return groups;
}

export async function updateAutoScalingGroup(input: {
  name: string;
  minSize?: number;
  maxSize?: number;
  desiredCapacity?: number;
}): Promise<void> {
  await callQuery("UpdateAutoScalingGroup", VERSION, {
    AutoScalingGroupName: input.name,
    MinSize: input.minSize,
    MaxSize: input.maxSize,
    DesiredCapacity: input.desiredCapacity,
  });
}

export interface ScalingActivity {
  activityId: string;
  autoScalingGroupName?: string;
  description?: string;
  cause?: string;
  statusCode?: string;
  statusMessage?: string;
  progress?: number;
  startTime?: string;
  endTime?: string;
}

function readActivity(m: Element): ScalingActivity {
  return {
    activityId: text(m, "ActivityId") ?? "",
    autoScalingGroupName: text(m, "AutoScalingGroupName"),
    description: text(m, "Description"),
    cause: text(m, "Cause"),
    statusCode: text(m, "StatusCode"),
    statusMessage: text(m, "StatusMessage"),
    progress: num(m, "Progress"),
    startTime: text(m, "StartTime"),
    endTime: text(m, "EndTime"),
  };
}

/** TerminateInstanceInAutoScalingGroup: the activity it started. */
export async function terminateInstanceInAutoScalingGroup(
  instanceId: string,
  shouldDecrementDesiredCapacity: boolean,
): Promise<ScalingActivity | undefined> {
  const root = await callQuery("TerminateInstanceInAutoScalingGroup", VERSION, {
    InstanceId: instanceId,
    ShouldDecrementDesiredCapacity: shouldDecrementDesiredCapacity ? "true" : "false",
  });
  const activity = child(child(root, "TerminateInstanceInAutoScalingGroupResult"), "Activity");
  return activity ? readActivity(activity) : undefined;
}

/** DescribeScalingActivities for one group, newest first (one page of up to `maxRecords`). */
export async function describeScalingActivities(name: string, maxRecords = 50, signal?: AbortSignal): Promise<ScalingActivity[]> {
  const root = await callQuery(
    "DescribeScalingActivities",
    VERSION,
    { AutoScalingGroupName: name, MaxRecords: maxRecords },
    "member",
    signal,
  );
  return children(child(child(root, "DescribeScalingActivitiesResult"), "Activities"), "member").map(readActivity);
}

export interface AutoScalingInstance extends AsgInstance {
  autoScalingGroupName?: string;
}

/** DescribeAutoScalingInstances: which group each instance belongs to. */
export async function describeAutoScalingInstances(instanceIds: readonly string[], signal?: AbortSignal): Promise<AutoScalingInstance[]> {
  const root = await callQuery(
    "DescribeAutoScalingInstances",
    VERSION,
    { InstanceIds: instanceIds.length ? instanceIds : undefined },
    "member",
    signal,
  );
  return path(root, "DescribeAutoScalingInstancesResult", "AutoScalingInstances", "member").map((i) => ({
    instanceId: text(i, "InstanceId") ?? "",
    instanceType: text(i, "InstanceType"),
    availabilityZone: text(i, "AvailabilityZone"),
    lifecycleState: text(i, "LifecycleState"),
    healthStatus: text(i, "HealthStatus"),
    launchConfigurationName: text(i, "LaunchConfigurationName"),
    autoScalingGroupName: text(i, "AutoScalingGroupName"),
  }));
}
