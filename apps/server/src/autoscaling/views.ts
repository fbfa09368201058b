/** Auto Scaling resources in the shapes of the API reference. */
import type * as as from "@stevedore/shared/aws/models/autoscaling";
import type { AutoScalingGroup, Ec2Instance, LaunchConfiguration } from "../db/client.ts";
import { fromJson } from "../db/json.ts";

export function groupXml(g: AutoScalingGroup, instances: Ec2Instance[]): as.AutoScalingGroup {
  return {
    AutoScalingGroupName: g.name,
    AutoScalingGroupARN: g.arn,
    LaunchConfigurationName: g.launchConfigurationName,
    MinSize: g.minSize,
    MaxSize: g.maxSize,
    DesiredCapacity: g.desiredCapacity,
    DefaultCooldown: 300,
    AvailabilityZones: fromJson<string[]>(g.availabilityZones, []),
    LoadBalancerNames: [],
    TargetGroupARNs: [],
    HealthCheckType: "EC2",
    HealthCheckGracePeriod: 0,
    Instances: instances.map((i) => instanceXml(i, g.launchConfigurationName)),
    CreatedTime: g.createdAt,
    SuspendedProcesses: [],
    VPCZoneIdentifier: "",
    EnabledMetrics: [],
    Tags: fromJson<{ Key: string; Value?: string; PropagateAtLaunch?: boolean }[]>(g.tags, []).map((t) => ({
      ResourceId: g.name,
      ResourceType: "auto-scaling-group",
      Key: t.Key,
      Value: t.Value ?? "",
      PropagateAtLaunch: t.PropagateAtLaunch ?? false,
    })),
    TerminationPolicies: ["Default"],
    NewInstancesProtectedFromScaleIn: false,
    ServiceLinkedRoleARN: "",
    ...(g.status ? { Status: g.status } : {}),
  };
}

export function instanceXml(i: Ec2Instance, launchConfigurationName: string): as.Instance {
  return {
    InstanceId: i.id,
    InstanceType: i.instanceType,
    AvailabilityZone: i.availabilityZone,
    LifecycleState: i.lifecycleState as as.LifecycleState,
    HealthStatus: "Healthy",
    LaunchConfigurationName: launchConfigurationName,
    ProtectedFromScaleIn: false,
  };
}

export function launchConfigurationXml(lc: LaunchConfiguration): as.LaunchConfiguration {
  return {
    LaunchConfigurationName: lc.name,
    LaunchConfigurationARN: lc.arn,
    ImageId: lc.imageId,
    InstanceType: lc.instanceType,
    UserData: lc.userData ?? "",
    KeyName: "",
    SecurityGroups: [],
    ClassicLinkVPCSecurityGroups: [],
    KernelId: "",
    RamdiskId: "",
    BlockDeviceMappings: [],
    InstanceMonitoring: { Enabled: true },
    CreatedTime: lc.createdAt,
    EbsOptimized: false,
  };
}
