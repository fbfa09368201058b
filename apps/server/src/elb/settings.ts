/**
 * Target groups' health check settings and the attributes of target groups and load balancers: AWS's
 * defaults for application load balancers (instance and ip targets) and the ranges ELB accepts.
 */
import type { CreateTargetGroupInput, ModifyTargetGroupInput } from "@stevedore/shared/aws/models/elbv2";
import type { HealthCheckSettings } from "../store/elb.ts";
import { validation } from "./errors.ts";

export const DEFAULT_HEALTH_CHECK: HealthCheckSettings = {
  enabled: true,
  protocol: "HTTP",
  port: "traffic-port",
  path: "/",
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthyThreshold: 5,
  unhealthyThreshold: 2,
  matcher: "200",
};

const MATCHER = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/;

/** The settings after applying the input's health check members, checked as ELB checks them. */
export function healthCheckFrom(base: HealthCheckSettings, input: CreateTargetGroupInput | ModifyTargetGroupInput): HealthCheckSettings {
  const hc: HealthCheckSettings = {
    enabled: input.HealthCheckEnabled ?? base.enabled,
    protocol: input.HealthCheckProtocol ?? base.protocol,
    port: input.HealthCheckPort ?? base.port,
    path: input.HealthCheckPath ?? base.path,
    intervalSeconds: input.HealthCheckIntervalSeconds ?? base.intervalSeconds,
    timeoutSeconds: input.HealthCheckTimeoutSeconds ?? base.timeoutSeconds,
    healthyThreshold: input.HealthyThresholdCount ?? base.healthyThreshold,
    unhealthyThreshold: input.UnhealthyThresholdCount ?? base.unhealthyThreshold,
    matcher: input.Matcher?.HttpCode ?? base.matcher,
  };
  if (input.Matcher?.GrpcCode !== undefined) throw validation("A gRPC matcher can only be set on target groups whose protocol version is gRPC");
  if (hc.protocol !== "HTTP" && hc.protocol !== "HTTPS") throw validation(`Health check protocol '${hc.protocol}' is not supported for target groups of application load balancers`);
  if (hc.port !== "traffic-port" && !(/^\d{1,5}$/.test(hc.port) && Number(hc.port) >= 1 && Number(hc.port) <= 65535)) {
    throw validation("Health check port must be 'traffic-port' or a port between 1 and 65535");
  }
  if (!hc.path.startsWith("/") || hc.path.length > 1024 || !/^[\x21-\x7e]+$/.test(hc.path)) throw validation("Health check path must begin with a '/' and contain at most 1024 printable characters");
  if (hc.intervalSeconds < 5 || hc.intervalSeconds > 300) throw validation("Health check interval must be between 5 and 300 seconds");
  if (hc.timeoutSeconds < 2 || hc.timeoutSeconds > 120) throw validation("Health check timeout must be between 2 and 120 seconds");
  if (hc.timeoutSeconds >= hc.intervalSeconds) throw validation("Health check interval must be greater than the timeout.");
  if (hc.healthyThreshold < 2 || hc.healthyThreshold > 10) throw validation("Healthy threshold count must be between 2 and 10");
  if (hc.unhealthyThreshold < 2 || hc.unhealthyThreshold > 10) throw validation("Unhealthy threshold count must be between 2 and 10");
  if (!MATCHER.test(hc.matcher) || !matcherCodes(hc.matcher).every(([lo, hi]) => lo >= 200 && hi <= 499 && lo <= hi)) {
    throw validation(`Health check matcher HTTP code '${hc.matcher}' must be within '200-499'`);
  }
  return hc;
}

/** A matcher's code ranges: "200,202-204" → [[200,200],[202,204]]. */
export function matcherCodes(matcher: string): Array<[number, number]> {
  return matcher.split(",").map((part) => {
    const [lo, hi = lo] = part.split("-");
    return [Number(lo), Number(hi)];
  });
}

type Check = (value: string) => boolean;
const int = (lo: number, hi: number): Check => (v) => /^\d+$/.test(v) && Number(v) >= lo && Number(v) <= hi;
const oneOf = (...values: string[]): Check => (v) => values.includes(v);
const bool = oneOf("true", "false");
const any: Check = () => true;

export const TARGET_GROUP_ATTRIBUTES: Record<string, { value: string; check: Check }> = {
  "deregistration_delay.timeout_seconds": { value: "300", check: int(0, 3600) },
  "stickiness.enabled": { value: "false", check: bool },
  "stickiness.type": { value: "lb_cookie", check: oneOf("lb_cookie", "app_cookie") },
  "stickiness.lb_cookie.duration_seconds": { value: "86400", check: int(1, 604800) },
  "stickiness.app_cookie.cookie_name": { value: "", check: (v) => /^[A-Za-z0-9_!#$%&'*+.^`|~-]{0,1000}$/.test(v) },
  "stickiness.app_cookie.duration_seconds": { value: "86400", check: int(1, 604800) },
  "slow_start.duration_seconds": { value: "0", check: (v) => v === "0" || int(30, 900)(v) },
  "load_balancing.algorithm.type": { value: "round_robin", check: oneOf("round_robin", "least_outstanding_requests", "weighted_random") },
  "load_balancing.algorithm.anomaly_mitigation": { value: "off", check: oneOf("on", "off") },
  "load_balancing.cross_zone.enabled": { value: "use_load_balancer_configuration", check: oneOf("true", "false", "use_load_balancer_configuration") },
  "target_group_health.dns_failover.minimum_healthy_targets.count": { value: "1", check: (v) => v === "off" || int(1, 10000)(v) },
  "target_group_health.dns_failover.minimum_healthy_targets.percentage": { value: "off", check: (v) => v === "off" || int(1, 100)(v) },
  "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count": { value: "1", check: int(1, 10000) },
  "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage": { value: "off", check: (v) => v === "off" || int(1, 100)(v) },
};

export const LOAD_BALANCER_ATTRIBUTES: Record<string, { value: string; check: Check }> = {
  "idle_timeout.timeout_seconds": { value: "60", check: int(1, 4000) },
  "deletion_protection.enabled": { value: "false", check: bool },
  "routing.http2.enabled": { value: "true", check: bool },
  "routing.http.drop_invalid_header_fields.enabled": { value: "false", check: bool },
  "routing.http.preserve_host_header.enabled": { value: "false", check: bool },
  "routing.http.x_amzn_tls_version_and_cipher_suite.enabled": { value: "false", check: bool },
  "routing.http.xff_client_port.enabled": { value: "false", check: bool },
  "routing.http.xff_header_processing.mode": { value: "append", check: oneOf("append", "preserve", "remove") },
  "routing.http.desync_mitigation_mode": { value: "defensive", check: oneOf("monitor", "defensive", "strictest") },
  "access_logs.s3.enabled": { value: "false", check: bool },
  "access_logs.s3.bucket": { value: "", check: any },
  "access_logs.s3.prefix": { value: "", check: any },
  "connection_logs.s3.enabled": { value: "false", check: bool },
  "connection_logs.s3.bucket": { value: "", check: any },
  "connection_logs.s3.prefix": { value: "", check: any },
  "waf.fail_open.enabled": { value: "false", check: bool },
  "client_keep_alive.seconds": { value: "3600", check: int(60, 604800) },
  "zonal_shift.config.enabled": { value: "false", check: bool },
};

export const defaults = (table: Record<string, { value: string }>) => Object.fromEntries(Object.entries(table).map(([k, v]) => [k, v.value]));

/** The attributes with the changes applied, each key and value checked against the table. */
export function applyAttributes(table: Record<string, { check: Check }>, current: Record<string, string>, changes: ReadonlyArray<{ Key?: string; Value?: string }>, kind: string): Record<string, string> {
  const next = { ...current };
  for (const { Key, Value } of changes) {
    const key = Key ?? "";
    const spec = Object.hasOwn(table, key) ? table[key] : undefined;
    if (!spec) throw validation(`${kind} attribute key '${key}' is not recognized`);
    const value = Value ?? "";
    if (!spec.check(value)) throw validation(`${kind} attribute '${key}' cannot have the value '${value}'`);
    next[key] = value;
  }
  return next;
}

export const attributeList = (attrs: Record<string, string>) => Object.entries(attrs).map(([Key, Value]) => ({ Key, Value }));
