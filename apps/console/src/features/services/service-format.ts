/**
 * Pure texts of the service pages: "2/3 tasks running", rollout states, deployment configuration,
 * placement, and event messages cut into text and links. No React: unit-tested under apps/console/test.
 */
import type { StatusKind } from "../../lib/format.ts";
import type { Deployment, DeploymentConfiguration, PlacementConstraint, PlacementStrategy, Service } from "../../api/services.ts";

/** The Deployments and tasks column: "2/3 tasks running". */
export const tasksRunningText = (running: number, desired: number): string => `${running}/${desired} tasks running`;

/** The share of desired tasks that run, 0–100, for the progress bar (a service of 0 is complete). */
export function runningPercent(running: number, desired: number): number {
  if (desired <= 0) return 100;
  return Math.max(0, Math.min(100, Math.round((running / desired) * 100)));
}

/** IN_PROGRESS → "In progress", COMPLETED → "Completed", FAILED → "Failed". */
export function rolloutText(state: string | undefined | null): string {
  switch (state) {
    case "IN_PROGRESS":
      return "In progress";
    case "COMPLETED":
      return "Completed";
    case "FAILED":
      return "Failed";
    default:
      return state ? state.charAt(0) + state.slice(1).toLowerCase().replace(/_/g, " ") : "-";
  }
}

export function rolloutKind(state: string | undefined | null): StatusKind {
  switch (state) {
    case "IN_PROGRESS":
      return "in-progress";
    case "COMPLETED":
      return "success";
    case "FAILED":
      return "error";
    default:
      return "unknown";
  }
}

/** The service's deployment the console reports as its last one: the PRIMARY deployment. */
export function primaryDeployment(service: Pick<Service, "deployments">): Deployment | undefined {
  const all = service.deployments ?? [];
  return all.find((d) => d.status === "PRIMARY") ?? [...all].sort((a, b) => b.createdAt - a.createdAt)[0];
}

/** "Deployment in progress" while anything rolls out, "Deployment failed" after the circuit breaker, else undefined. */
export function deploymentSummary(service: Pick<Service, "deployments">): { text: string; kind: StatusKind } | undefined {
  const primary = primaryDeployment(service);
  if (!primary) return undefined;
  if (primary.rolloutState === "FAILED") return { text: "Deployment failed", kind: "error" };
  if (primary.rolloutState === "IN_PROGRESS" || (service.deployments?.length ?? 0) > 1) return { text: "Deployment in progress", kind: "in-progress" };
  return undefined;
}

/** REPLICA → "Replica", DAEMON → "Daemon" (the form's words); the table shows the API value. */
export const serviceTypeText = (s: string | undefined): string => (s === "DAEMON" ? "Daemon" : s === "REPLICA" ? "Replica" : "-");

/** The circuit breaker setting as the configuration tab shows it. */
export function circuitBreakerText(config: DeploymentConfiguration | undefined): string {
  const cb = config?.deploymentCircuitBreaker;
  if (!cb?.enable) return "Turned off";
  return cb.rollback ? "Turned on with rollback" : "Turned on without rollback";
}

/** PRIMARY → "Primary", ACTIVE → "Active". */
export const deploymentStatusText = (status: string): string => status.charAt(0) + status.slice(1).toLowerCase();

/** spread(attribute:ecs.availability-zone), binpack(memory), random. */
export const strategyText = (s: PlacementStrategy): string => (s.field ? `${s.type}(${s.field})` : s.type);

/** distinctInstance, memberOf(attribute:ecs.instance-type =~ t3.*). */
export const constraintText = (c: PlacementConstraint): string => (c.expression ? `${c.type}(${c.expression})` : (c.type ?? ""));

/** The family:revision of a task definition ARN. */
export function revisionOf(arn: string | undefined): string {
  if (!arn) return "-";
  const i = arn.indexOf("task-definition/");
  return i < 0 ? arn : arn.slice(i + "task-definition/".length);
}

export type EventSegment =
  | { kind: "text"; text: string }
  | { kind: "task"; text: string; taskId: string }
  | { kind: "deployment"; text: string; deploymentId: string };

const TOKEN = /\((task|deployment) ([A-Za-z0-9/_-]+)\)/g;

/**
 * A service event message cut into text and the references the console links: "(task ID)" to the task
 * page, "(deployment ecs-svc/ID)" to the Deployments tab. The text is kept exactly as the API gives it.
 */
export function eventSegments(message: string): EventSegment[] {
  const out: EventSegment[] = [];
  let last = 0;
  for (const m of message.matchAll(TOKEN)) {
    const start = m.index ?? 0;
    if (start > last) out.push({ kind: "text", text: message.slice(last, start) });
    const [whole, what, id] = m as unknown as [string, string, string];
    out.push(what === "task" ? { kind: "task", text: whole, taskId: id } : { kind: "deployment", text: whole, deploymentId: id });
    last = start + whole.length;
  }
  if (last < message.length) out.push({ kind: "text", text: message.slice(last) });
  return out;
}

/** The id of a service ARN ("arn:…:service/cluster/name" → "name"). */
export const serviceNameOf = (arn: string): string => arn.slice(arn.lastIndexOf("/") + 1);
