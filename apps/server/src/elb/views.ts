/** ELB's resources as its API shows them. */
import type { Listener, LoadBalancer, Rule, TargetGroup } from "@stevedore/shared/aws/models/elbv2";
import type { ListenerRecord, LoadBalancerRecord, RuleRecord, TargetGroupRecord } from "../store/elb.ts";
import { CANONICAL_HOSTED_ZONE_ID, defaultRuleArn } from "./names.ts";

export const loadBalancerView = (lb: LoadBalancerRecord): LoadBalancer => ({
  LoadBalancerArn: lb.arn,
  DNSName: lb.dnsName,
  CanonicalHostedZoneId: CANONICAL_HOSTED_ZONE_ID,
  CreatedTime: lb.createdAt,
  LoadBalancerName: lb.name,
  Scheme: lb.scheme as LoadBalancer["Scheme"],
  VpcId: lb.vpcId,
  State: { Code: "active" },
  Type: "application",
  AvailabilityZones: lb.zones.map((z) => ({ ZoneName: z.ZoneName, SubnetId: z.SubnetId, LoadBalancerAddresses: [] })),
  SecurityGroups: lb.securityGroups,
  IpAddressType: "ipv4",
});

export const targetGroupView = (tg: TargetGroupRecord, loadBalancerArns: string[]): TargetGroup => ({
  TargetGroupArn: tg.arn,
  TargetGroupName: tg.name,
  Protocol: tg.protocol as TargetGroup["Protocol"],
  Port: tg.port,
  VpcId: tg.vpcId,
  HealthCheckProtocol: tg.healthCheck.protocol as TargetGroup["Protocol"],
  HealthCheckPort: tg.healthCheck.port,
  HealthCheckEnabled: tg.healthCheck.enabled,
  HealthCheckIntervalSeconds: tg.healthCheck.intervalSeconds,
  HealthCheckTimeoutSeconds: tg.healthCheck.timeoutSeconds,
  HealthyThresholdCount: tg.healthCheck.healthyThreshold,
  UnhealthyThresholdCount: tg.healthCheck.unhealthyThreshold,
  HealthCheckPath: tg.healthCheck.path,
  Matcher: { HttpCode: tg.healthCheck.matcher },
  LoadBalancerArns: loadBalancerArns,
  TargetType: tg.targetType as TargetGroup["TargetType"],
  ProtocolVersion: "HTTP1",
  IpAddressType: "ipv4",
});

export const listenerView = (l: ListenerRecord): Listener => ({
  ListenerArn: l.arn,
  LoadBalancerArn: l.loadBalancerArn,
  Port: l.port,
  Protocol: l.protocol as Listener["Protocol"],
  DefaultActions: l.defaultActions,
});

export const ruleView = (r: RuleRecord): Rule => ({ RuleArn: r.arn, Priority: String(r.priority), Conditions: r.conditions, Actions: r.actions, IsDefault: false });

export const defaultRuleView = (l: ListenerRecord): Rule => ({ RuleArn: defaultRuleArn(l.arn), Priority: "default", Conditions: [], Actions: l.defaultActions, IsDefault: true });
