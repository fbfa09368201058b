import type { Task, TaskDefinition } from "@stevedore/shared";
import { Link } from "../../components/Link.tsx";
import { Container } from "../../components/Container.tsx";
import { EmptyState, type Column } from "../../components/Table.tsx";
import { shortId } from "../../lib/format.ts";
import { TASK_COLUMNS, TaskTable } from "../tasks/TaskTable.tsx";
import { useRevisionTasks } from "./queries.ts";

const CLUSTER_COLUMN: Column<Task> = {
  id: "cluster",
  header: "Cluster",
  cell: (t) => <Link to={`/clusters/${encodeURIComponent(shortId(t.clusterArn))}/tasks`}>{shortId(t.clusterArn)}</Link>,
  nowrap: true,
};

const [TASK, ...REST] = TASK_COLUMNS.filter((c) => ["task", "lastStatus", "desiredStatus", "startedAt"].includes(c.id));
const COLUMNS = [TASK!, CLUSTER_COLUMN, ...REST];

/** **Tasks**: the tasks of this revision, running or recently stopped, in every cluster. */
export function RevisionTasksTab({ td }: { td: TaskDefinition }) {
  const tasks = useRevisionTasks(td.family, String(td.revision), td.taskDefinitionArn);
  return (
    <Container
      title="Tasks"
      counter={tasks.data ? `(${tasks.data.length})` : undefined}
      description="Tasks that use this revision, in every cluster: running, and stopped ones while ECS still lists them."
    >
      <TaskTable
        query={tasks}
        items={tasks.data ?? []}
        columns={COLUMNS}
        empty={<EmptyState title="No tasks">No task uses this revision.</EmptyState>}
      />
    </Container>
  );
}
