/** A table of tasks with the Tasks tab's columns (or some of them), its loading and error states. */
import type { Task } from "@stevedore/shared";
import type { ReactNode } from "react";
import { Link } from "../../components/Link.tsx";
import { LoadError } from "../../components/Alert.tsx";
import { StatusBadge } from "../../components/StatusIndicator.tsx";
import { Table, type Column, type MorePages, type TableSelection } from "../../components/Table.tsx";
import { formatDateTime, formatRelative, shortId, splitTaskDefinitionRef, taskDefinitionRef, toDate } from "../../lib/format.ts";
import { LastStatus } from "./TaskStatus.tsx";

/** The Tasks tab's columns; other task lists pick theirs by id. */
export const TASK_COLUMNS: Column<Task>[] = [
  {
    id: "task",
    header: "Task",
    cell: (t) => (
      <Link to={`/clusters/${encodeURIComponent(shortId(t.clusterArn))}/tasks/${shortId(t.taskArn)}/configuration`}>{shortId(t.taskArn)}</Link>
    ),
    sortValue: (t) => shortId(t.taskArn),
  },
  { id: "lastStatus", header: "Last status", cell: (t) => <LastStatus task={t} />, sortValue: (t) => t.lastStatus },
  { id: "desiredStatus", header: "Desired status", cell: (t) => <StatusBadge status={t.desiredStatus} />, sortValue: (t) => t.desiredStatus },
  {
    id: "taskDefinition",
    header: "Task definition",
    cell: (t) => {
      const ref = taskDefinitionRef(t.taskDefinitionArn);
      const { family, revision } = splitTaskDefinitionRef(ref);
      return <Link to={`/task-definitions/${encodeURIComponent(family)}/${revision}/containers`}>{ref}</Link>;
    },
    sortValue: (t) => taskDefinitionRef(t.taskDefinitionArn),
  },
  { id: "health", header: "Health status", cell: (t) => <StatusBadge status={t.healthStatus ?? "UNKNOWN"} />, sortValue: (t) => t.healthStatus ?? "UNKNOWN" },
  {
    id: "startedAt",
    header: "Started at",
    cell: (t) =>
      t.startedAt ? (
        <time dateTime={toDate(t.startedAt)?.toISOString()} title={formatRelative(t.startedAt)}>
          {formatDateTime(t.startedAt)}
        </time>
      ) : (
        "-"
      ),
    sortValue: (t) => toDate(t.startedAt)?.getTime() ?? 0,
    filterText: () => "",
  },
  {
    id: "containerInstance",
    header: "Container instance",
    cell: (t) => (t.containerInstanceArn ? shortId(t.containerInstanceArn) : "-"),
    sortValue: (t) => shortId(t.containerInstanceArn),
  },
  { id: "launchType", header: "Launch type", cell: (t) => t.launchType ?? "-", sortValue: (t) => t.launchType },
  { id: "capacityProvider", header: "Capacity provider", cell: (t) => t.capacityProviderName ?? "-", sortValue: (t) => t.capacityProviderName },
  { id: "platformVersion", header: "Platform version", cell: (t) => t.platformVersion ?? "-", sortValue: (t) => t.platformVersion },
  { id: "group", header: "Group", cell: (t) => t.group ?? "-", sortValue: (t) => t.group },
];

/** Columns some tasks have no value for: Fargate tasks no container instance, EC2 tasks no platform version. */
const SOMETIMES: Record<string, (t: Task) => unknown> = {
  containerInstance: (t) => t.containerInstanceArn,
  capacityProvider: (t) => t.capacityProviderName,
  platformVersion: (t) => t.platformVersion,
};

/** The columns worth showing for these tasks: those above only when a task has a value (Container instance when there are none). */
export function visibleTaskColumns(columns: Column<Task>[], items: readonly Task[]): Column<Task>[] {
  return columns.filter((c) => {
    const value = SOMETIMES[c.id];
    if (!value) return true;
    return items.length === 0 ? c.id === "containerInstance" : items.some((t) => value(t));
  });
}

export function TaskTable({
  query,
  items,
  columns = TASK_COLUMNS,
  selection,
  empty,
  header,
  filterLabel,
  filters,
  more,
}: {
  query: { error: Error | null; isPending: boolean };
  items: readonly Task[];
  columns?: Column<Task>[];
  selection?: TableSelection<Task>;
  empty: ReactNode;
  header?: ReactNode;
  filterLabel?: string;
  filters?: ReactNode;
  more?: MorePages;
}) {
  return (
    <>
      <LoadError error={query.error} header="Failed to load tasks" />
      <Table
        label="Tasks"
        columns={visibleTaskColumns(columns, items)}
        items={items}
        trackBy={(t) => t.taskArn}
        loading={query.isPending}
        loadingText="Loading tasks"
        selection={selection}
        empty={empty}
        header={header}
        filterLabel={filterLabel}
        filters={filters}
        more={more}
        variant={header ? "container" : "embedded"}
      />
    </>
  );
}
