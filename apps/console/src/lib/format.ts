/**
 * Pure formatting helpers: the texts the ECS console shows for sizes, statuses, counts and times.
 * No React, no DOM: unit-tested under apps/console/test.
 */
import { parseTaskCpu, parseTaskMemory, resourceId, type NetworkBinding, type PortMapping, type Resource } from "@stevedore/shared";

const numberFormat = new Intl.NumberFormat("en-US");

/** A value as the console's JSON views and editors show it: indented by two spaces. */
export const formatJson = (value: unknown): string => JSON.stringify(value, null, 2);

/** 1024 → "1,024". */
export const formatNumber = (n: number): string => numberFormat.format(n);

/** A decimal with at most `digits` fraction digits and no trailing zeros: 0.25, 1.5, 2. */
export function formatDecimal(n: number, digits = 3): string {
  return String(Number(n.toFixed(digits)));
}

/** Task-level CPU as the console shows it: "1024" or "1 vCPU" → "1,024 units (1 vCPU)". */
export function formatTaskCpu(cpu: string | number | undefined | null): string {
  if (cpu === undefined || cpu === null || cpu === "") return "-";
  const units = parseTaskCpu(String(cpu));
  if (units === undefined) return String(cpu);
  return `${formatNumber(units)} units (${formatDecimal(units / 1024)} vCPU)`;
}

/** Task-level memory as the console shows it: "2048" or "2 GB" → "2,048 MiB (2 GiB)". */
export function formatTaskMemory(memory: string | number | undefined | null): string {
  if (memory === undefined || memory === null || memory === "") return "-";
  const mib = parseTaskMemory(String(memory));
  if (mib === undefined) return String(memory);
  return `${formatNumber(mib)} MiB (${formatDecimal(mib / 1024)} GiB)`;
}

/** A container-level size in MiB, or "-" when unset. */
export const formatMiB = (mib: number | undefined | null): string =>
  mib === undefined || mib === null ? "-" : `${formatNumber(mib)} MiB`;

/** A container-level CPU share in units, or "-" when unset. */
export const formatCpuUnits = (units: number | undefined | null): string =>
  units === undefined || units === null ? "-" : formatNumber(units);

/** The clusters list's Tasks column: "No tasks running" or "1 Pending | 2 Running". */
export function clusterTasksText(pending: number, running: number): string {
  if (!pending && !running) return "No tasks running";
  return `${pending} Pending | ${running} Running`;
}

/** The clusters list's Container instances column: "2 EC2". */
export const containerInstancesText = (count: number): string => `${count} EC2`;

/** The CloudWatch monitoring column, from the cluster's containerInsights setting. */
export function monitoringText(settings: readonly { name: string; value?: string }[] | undefined): string {
  const value = settings?.find((s) => s.name === "containerInsights")?.value;
  if (value === "enhanced") return "Container Insights with enhanced observability";
  if (value === "enabled") return "Container Insights";
  return "Default";
}

/** The Capacity provider column: the default strategy's providers, or "No default found". */
export function capacityProviderText(
  strategy: readonly { capacityProvider: string }[] | undefined,
): string {
  if (!strategy || strategy.length === 0) return "No default found";
  return strategy.map((s) => s.capacityProvider).join(", ");
}

/** "RUNNING" → "Running", "DEPROVISIONING" → "Deprovisioning". */
export function statusText(status: string | undefined | null): string {
  if (!status) return "-";
  const lower = status.toLowerCase().replace(/_/g, " ");
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

export type StatusKind = "success" | "error" | "in-progress" | "pending" | "stopped" | "info" | "unknown";

/** How a task, container or instance status is drawn (icon and colour). */
export function statusKind(status: string | undefined | null): StatusKind {
  switch (status) {
    case "RUNNING":
    case "ACTIVE":
    case "HEALTHY":
    case "InService":
      return "success";
    case "PROVISIONING":
    case "PENDING":
    case "ACTIVATING":
    case "REGISTERING":
    case "Pending":
      return "pending";
    case "DEACTIVATING":
    case "STOPPING":
    case "DEPROVISIONING":
    case "DRAINING":
    case "DEREGISTERING":
    case "Terminating":
      return "in-progress";
    case "STOPPED":
    case "INACTIVE":
    case "Terminated":
      return "stopped";
    case "UNKNOWN":
      return "unknown";
    case "UNHEALTHY":
    case "FAILED":
    case "REGISTRATION_FAILED":
      return "error";
    default:
      return "info";
  }
}

/** ECS timestamps are epoch seconds (with a fraction); accept milliseconds too. */
export function toDate(ts: number | string | undefined | null): Date | undefined {
  if (ts === undefined || ts === null || ts === "") return undefined;
  if (typeof ts === "string") {
    const n = Number(ts);
    if (!Number.isFinite(n)) {
      const d = new Date(ts);
      return Number.isNaN(d.getTime()) ? undefined : d;
    }
    ts = n;
  }
  return new Date(ts > 1e11 ? ts : ts * 1000);
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Absolute time in the console's default format: "March 4, 2025, 10:12:33 (UTC+01:00)".
 * `offsetMinutes` is east of UTC (the browser's by default).
 */
export function formatDateTime(ts: number | string | undefined | null, offsetMinutes?: number): string {
  const date = toDate(ts);
  if (!date) return "-";
  const offset = offsetMinutes ?? -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offset * 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return (
    `${MONTHS[local.getUTCMonth()]} ${local.getUTCDate()}, ${local.getUTCFullYear()}, ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ` +
    `(UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)})`
  );
}

/** "just now", "5 seconds ago", "1 minute ago", "3 hours ago", "2 days ago". */
export function formatRelative(ts: number | string | undefined | null, now: number = Date.now()): string {
  const date = toDate(ts);
  if (!date) return "-";
  const seconds = Math.round((now - date.getTime()) / 1000);
  const future = seconds < 0;
  const s = Math.abs(seconds);
  const unit = (n: number, word: string) => {
    const text = `${n} ${word}${n === 1 ? "" : "s"}`;
    return future ? `in ${text}` : `${text} ago`;
  };
  if (s < 5) return "just now";
  if (s < 60) return unit(s, "second");
  if (s < 3600) return unit(Math.floor(s / 60), "minute");
  if (s < 86_400) return unit(Math.floor(s / 3600), "hour");
  return unit(Math.floor(s / 86_400), "day");
}

/** The id at the end of a task, container instance or cluster ARN. */
export const shortId = (arn: string | undefined | null): string => (arn ? resourceId(arn) : "-");

/** "arn:aws:ecs:…:task-definition/web:3" → "web:3". */
export function taskDefinitionRef(arn: string | undefined | null): string {
  if (!arn) return "-";
  const i = arn.indexOf("task-definition/");
  return i < 0 ? arn : arn.slice(i + "task-definition/".length);
}

/** "web:3" → { family: "web", revision: "3" } for links. */
export function splitTaskDefinitionRef(ref: string): { family: string; revision: string } {
  const colon = ref.lastIndexOf(":");
  return colon < 0 ? { family: ref, revision: "" } : { family: ref.slice(0, colon), revision: ref.slice(colon + 1) };
}

/** A network binding as the task page shows it: "127.0.0.2:32768 → 80/tcp". */
export const formatNetworkBinding = (b: NetworkBinding): string =>
  `${b.bindIP}:${b.hostPort} → ${b.containerPort}/${b.protocol ?? "tcp"}`;

/** Where a binding answers: "http://127.0.0.2:32768/". */
export const bindingUrl = (b: NetworkBinding): string => `http://${b.bindIP}:${b.hostPort}/`;

/** A port mapping of a container definition: "80/tcp (host port: dynamic)". */
export function formatPortMapping(pm: PortMapping, networkMode?: string): string {
  const protocol = pm.protocol ?? "tcp";
  const container = pm.containerPortRange ?? String(pm.containerPort ?? "-");
  const host =
    networkMode === "awsvpc" || networkMode === "host"
      ? String(pm.hostPort ?? pm.containerPort ?? "-")
      : pm.hostPort
        ? String(pm.hostPort)
        : "dynamic";
  return `${container}/${protocol} (host port: ${host})`;
}

/** ECS containers are essential unless the definition says otherwise. */
export const essentialText = (essential: boolean | undefined): string => (essential === false ? "No" : "Yes");

/** The integer value of a CPU or MEMORY resource of a container instance. */
export function resourceValue(resources: readonly Resource[] | undefined, name: string): number | undefined {
  const r = resources?.find((x) => x.name === name);
  if (!r) return undefined;
  return r.integerValue ?? r.longValue ?? r.doubleValue;
}

const REGION_NAMES: Record<string, string> = {
  "us-east-1": "N. Virginia",
  "us-east-2": "Ohio",
  "us-west-1": "N. California",
  "us-west-2": "Oregon",
  "eu-west-1": "Ireland",
  "eu-west-2": "London",
  "eu-west-3": "Paris",
  "eu-central-1": "Frankfurt",
  "eu-north-1": "Stockholm",
  "ap-northeast-1": "Tokyo",
  "ap-southeast-1": "Singapore",
  "ap-southeast-2": "Sydney",
  "ap-south-1": "Mumbai",
  "sa-east-1": "São Paulo",
  "ca-central-1": "Canada (Central)",
};

/** "us-east-1" → "N. Virginia". */
export const regionName = (region: string): string => REGION_NAMES[region] ?? region;

/** The region in an ARN ("arn:aws:ecs:eu-west-1:…" → "eu-west-1"), if it is one. */
export function regionFromArn(arn: string | undefined): string | undefined {
  if (!arn?.startsWith("arn:")) return undefined;
  return arn.split(":")[3] || undefined;
}

/** "t3.medium" with 2 vCPU and 4096 MiB → "t3.medium (2 vCPU, 4 GiB memory)". */
export const instanceTypeLabel = (t: { name: string; vcpus: number; memoryMiB: number }): string =>
  `${t.name} (${t.vcpus} vCPU, ${formatDecimal(t.memoryMiB / 1024)} GiB memory)`;
