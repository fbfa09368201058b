/** The service page's **Tasks** tab: the service's tasks, Running or Stopped (?status=STOPPED), with the Tasks tab's table. */
import { useState } from "react";
import { useSearchParams } from "react-router";
import { Container } from "../../components/Container.tsx";
import { FilterInput, Select } from "../../components/FormField.tsx";
import { EmptyState } from "../../components/Table.tsx";
import { shortId, taskDefinitionRef } from "../../lib/format.ts";
import { TASK_COLUMNS, TaskTable } from "../tasks/TaskTable.tsx";
import { useServiceTasks, type ServiceTaskFilter } from "./queries.ts";

const FILTERS: { value: ServiceTaskFilter; label: string }[] = [
  { value: "RUNNING", label: "Running" },
  { value: "STOPPED", label: "Stopped" },
  { value: "ANY", label: "Any desired status" },
];

export function ServiceTasksTab({ cluster, service }: { cluster: string; service: string }) {
  const [search, setSearch] = useSearchParams();
  const status = (FILTERS.find((f) => f.value === search.get("status"))?.value ?? "RUNNING") as ServiceTaskFilter;
  const [filter, setFilter] = useState("");
  const tasks = useServiceTasks(cluster, service, status);
  const all = tasks.data ?? [];
  const needle = filter.trim().toLowerCase();
  const items = needle
    ? all.filter((t) =>
        [shortId(t.taskArn), taskDefinitionRef(t.taskDefinitionArn), t.lastStatus, t.startedBy ?? "", shortId(t.containerInstanceArn)]
          .join(" ")
          .toLowerCase()
          .includes(needle),
      )
    : all;
  const columns = [
    ...TASK_COLUMNS.filter((c) => c.id !== "group"),
    { id: "startedBy", header: "Started by", cell: (t: (typeof all)[number]) => t.startedBy ?? "-", nowrap: true },
  ];
  return (
    <Container
      title="Tasks"
      counter={tasks.data ? `(${all.length})` : undefined}
      filter={
        <>
          <FilterInput label="Filter tasks" placeholder="Filter tasks" value={filter} onChange={setFilter} matches={items.length} />
          <label className="flex items-center gap-2">
            <span className="text-sm font-bold text-aws-label">Filter desired status</span>
            <Select
              className="w-52"
              value={status}
              onChange={(e) => {
                const next = new URLSearchParams(search);
                if (e.target.value === "RUNNING") next.delete("status");
                else next.set("status", e.target.value);
                setSearch(next, { replace: true });
              }}
            >
              {FILTERS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </Select>
          </label>
        </>
      }
    >
      <TaskTable
        query={tasks}
        items={items}
        columns={columns}
        empty={filter ? <EmptyState title="No matches">We can't find a match.</EmptyState> : <EmptyState title="No tasks">No tasks to display.</EmptyState>}
      />
    </Container>
  );
}
