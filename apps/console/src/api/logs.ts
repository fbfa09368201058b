/**
 * A task's container output through Stevedore's own route (AWS has no API for output that is not sent
 * to CloudWatch Logs): GET /stevedore/v1/clusters/{cluster}/tasks/{taskId}/logs?after=ID&limit=N, or
 * ?tail=N for the newest N lines. `next` is the id to pass as `after` to get only newer lines.
 */
import { AwsApiError } from "@stevedore/shared";
import { endpoint } from "./endpoint.ts";

export interface LogEvent {
  id: number;
  /** Epoch milliseconds. */
  timestamp: number;
  container: string;
  message: string;
}

export interface LogPage {
  events: LogEvent[];
  next: number;
}

export async function getTaskLogs(
  cluster: string,
  taskId: string,
  options: { after?: number; limit?: number; tail?: number; container?: string } = {},
  signal?: AbortSignal,
): Promise<LogPage> {
  const query = new URLSearchParams();
  if (options.container) query.set("container", options.container);
  if (options.after) query.set("after", String(options.after));
  if (options.limit) query.set("limit", String(options.limit));
  if (options.tail && !options.after) query.set("tail", String(options.tail));
  const url = `${endpoint()}/stevedore/v1/clusters/${encodeURIComponent(cluster)}/tasks/${encodeURIComponent(taskId)}/logs?${query}`;
  const res = await fetch(url, { signal, headers: { accept: "application/json" } });
  const type = res.headers.get("content-type") ?? "";
  if (!type.includes("json")) {
    // An older server answers the SPA's HTML for a route it does not have.
    throw new AwsApiError("NotAvailable", "This server does not serve task logs yet.", res.status);
  }
  const body = (await res.json()) as Partial<LogPage> & { __type?: string; message?: string };
  if (!res.ok) throw new AwsApiError(body.__type ?? `HTTP${res.status}`, body.message ?? res.statusText, res.status);
  return { events: body.events ?? [], next: body.next ?? options.after ?? 0 };
}
