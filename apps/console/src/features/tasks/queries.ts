/** Task reads: a cluster's tasks by desired status, and one task, both live. */
import type { Task } from "@stevedore/shared";
import { useQuery, type QueryClient } from "@tanstack/react-query";
import { describeTasks, listTaskPage, listTasks } from "../../api/ecs.ts";
import { API_PAGE_SIZE, prefetchFirstPage, useServerPages, type ServerPage } from "../../api/server-pages.ts";
import { LIVE_INTERVAL_MS, queryKeys } from "../../api/query-keys.ts";
import { toDate } from "../../lib/format.ts";

export type DesiredStatusFilter = "RUNNING" | "STOPPED" | "ANY";

export const newestFirst = (a: Task, b: Task) => (toDate(b.createdAt)?.getTime() ?? 0) - (toDate(a.createdAt)?.getTime() ?? 0);

/** A cluster's tasks by desired status (and task definition family), newest first. */
export async function fetchClusterTasks(
  cluster: string,
  filter: DesiredStatusFilter,
  signal?: AbortSignal,
  family?: string,
): Promise<Task[]> {
  const statuses = filter === "ANY" ? (["RUNNING", "STOPPED"] as const) : ([filter] as const);
  const arnLists = await Promise.all(statuses.map((desiredStatus) => listTasks({ cluster, desiredStatus, family }, signal)));
  const arns = [...new Set(arnLists.flat())];
  if (arns.length === 0) return [];
  const { tasks } = await describeTasks(cluster, arns, signal);
  return tasks.sort(newestFirst);
}

export function useClusterTasks(cluster: string, filter: DesiredStatusFilter) {
  return useQuery({
    queryKey: queryKeys.tasks.list(cluster, filter),
    queryFn: ({ signal }) => fetchClusterTasks(cluster, filter, signal),
    refetchInterval: LIVE_INTERVAL_MS,
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === cluster ? previous : undefined,
  });
}

/**
 * One API page of a cluster's tasks, described. "Any desired status" walks the RUNNING pages, then
 * the STOPPED ones (the token says which list it is in).
 */
async function fetchTaskPage(cluster: string, filter: DesiredStatusFilter, token: string | undefined, signal: AbortSignal): Promise<ServerPage<Task>> {
  type Position = ["RUNNING" | "STOPPED", string | undefined];
  const [status, nextToken]: Position = token ? (JSON.parse(token) as Position) : [filter === "STOPPED" ? "STOPPED" : "RUNNING", undefined];
  const page = await listTaskPage({ cluster, desiredStatus: status, nextToken, maxResults: API_PAGE_SIZE }, signal);
  const { tasks } = page.taskArns.length ? await describeTasks(cluster, page.taskArns, signal) : { tasks: [] };
  const next: Position | undefined = page.nextToken
    ? [status, page.nextToken]
    : filter === "ANY" && status === "RUNNING"
      ? ["STOPPED", undefined]
      : undefined;
  return { items: tasks.sort(newestFirst), nextToken: next && JSON.stringify(next) };
}

const taskPagesKey = (cluster: string, filter: DesiredStatusFilter) => queryKeys.tasks.list(cluster, `${filter}-pages`);

/** A cluster's tasks by desired status, as the API pages them (the Tasks tab). */
export function useClusterTaskPages(cluster: string, filter: DesiredStatusFilter) {
  return useServerPages(taskPagesKey(cluster, filter), (token, signal) => fetchTaskPage(cluster, filter, token, signal));
}

/** The Tasks tab's first page, fetched while the tab's code loads (its route's loader). */
export function prefetchClusterTasks(client: QueryClient, cluster: string) {
  return prefetchFirstPage(client, taskPagesKey(cluster, "RUNNING"), (token, signal) => fetchTaskPage(cluster, "RUNNING", token, signal));
}

/** One task by id; null when DescribeTasks answers with a MISSING failure. */
export function useTask(cluster: string, taskId: string) {
  return useQuery({
    queryKey: queryKeys.tasks.detail(cluster, taskId),
    queryFn: async ({ signal }): Promise<Task | null> => {
      const { tasks } = await describeTasks(cluster, [taskId], signal);
      return tasks[0] ?? null;
    },
    refetchInterval: LIVE_INTERVAL_MS,
  });
}
