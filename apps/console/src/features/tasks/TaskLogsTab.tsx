/** The task page's **Logs** tab: every container's output (Timestamp, Message, Container), followed live. */
import type { Task } from "@stevedore/shared";
import { shortId } from "../../lib/format.ts";
import { LogsView } from "../services/LogsView.tsx";

export function TaskLogsTab({ task, cluster }: { task: Task; cluster: string }) {
  const containers = task.containers.map((c) => c.name);
  return (
    <LogsView
      cluster={cluster}
      taskIds={[shortId(task.taskArn)]}
      containers={containers}
      description="The output of the task's containers, oldest first. Follow keeps reading new lines."
      emptyText="The task's containers have not written anything yet."
    />
  );
}
