/** Auto Scaling resources in the shapes of the API reference. */
import type * as as from "@stevedore/shared/aws/models/autoscaling";
import type { AutoScalingGroup, Ec2Instance, LaunchConfiguration } from "../db/client.ts";
import { fromJson } from "../db/json.ts";
import { groupTemplate } from "./launch-source.ts";

export function groupXml(g: AutoScalingGroup, instances: Ec2Instance[]): as.AutoScalingGroup {
  const template = groupTemplate(g);
  return {
    AutoScalingGroupName: g.name,
    AutoScalingGroupARN: g.arn,
    ...(g.launchConfigurationName ? { LaunchConfigurationName: g.launchConfigurationName } : {}),
    ...(template ? { LaunchTemplate: template } : {}),
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
    VPCZoneIdentifier: g.vpcZoneIdentifier,
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
  const template = fromJson<{ id: string; name: string; version: string } | null>(i.launchTemplate, null);
  return {
    InstanceId: i.id,
    InstanceType: i.instanceType,
    AvailabilityZone: i.availabilityZone,
    LifecycleState: i.lifecycleState as as.LifecycleState,
    HealthStatus: "Healthy",
    ...(template ? { LaunchTemplate: { LaunchTemplateId: template.id, LaunchTemplateName: template.name, Version: template.version } } : launchConfigurationName ? { LaunchConfigurationName: launchConfigurationName } : {}),
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
