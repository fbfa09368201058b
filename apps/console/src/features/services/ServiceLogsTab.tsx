/** The service page's **Logs** tab: its recent tasks' container lines merged in time order (newest last). */
import { useMemo } from "react";
import { shortId } from "../../lib/format.ts";
import { logTasks } from "./log-lines.ts";
import { LogsView } from "./LogsView.tsx";
import { useServiceTasks } from "./queries.ts";

/** How many of the service's tasks (all live ones first, then the latest stopped) the tab reads. */
const MAX_TASKS = 20;

export function ServiceLogsTab({ cluster, service }: { cluster: string; service: string }) {
  const tasks = useServiceTasks(cluster, service, "ANY");
  const chosen = useMemo(
    () =>
      logTasks(
        (tasks.data ?? []).map((t) => ({
          task: t,
          taskId: shortId(t.taskArn),
          lastStatus: t.lastStatus,
          createdAt: Number(t.createdAt ?? 0),
          stoppedAt: t.stoppedAt === undefined ? undefined : Number(t.stoppedAt),
        })),
        MAX_TASKS,
      ),
    [tasks.data],
  );
  // A stable order, so the follower does not restart when only the tasks' states change.
  const taskIds = useMemo(() => chosen.map((c) => c.taskId).sort(), [chosen]);
  const containers = useMemo(() => [...new Set(chosen.flatMap((c) => c.task.containers.map((k) => k.name)))].sort(), [chosen]);
  return (
    <LogsView
      cluster={cluster}
      taskIds={taskIds}
      containers={containers}
      showTask
      description={`The output of the service's containers, from its running tasks and its most recently stopped ones (${MAX_TASKS} tasks at most), in time order.`}
      emptyText={tasks.isPending ? "Loading the service's tasks." : "The service's tasks have not written anything yet."}
    />
  );
}
