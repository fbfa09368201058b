import { useState } from "react";
import { Link } from "../../components/Link.tsx";
import { Page } from "../../app/Page.tsx";
import { Alert } from "../../components/Alert.tsx";
import { ButtonDropdown } from "../../components/ButtonDropdown.tsx";
import { Container } from "../../components/Container.tsx";
import { FilterInput, Select } from "../../components/FormField.tsx";
import { StatusBadge } from "../../components/StatusIndicator.tsx";
import { EmptyState, Table, type Column } from "../../components/Table.tsx";
import type { TaskDefinitionStatus } from "../../api/ecs.ts";
import { useTaskDefinitionFamilies, type FamilyRow } from "./queries.ts";

export const CREATE_MENU_ITEMS = [
  { id: "form", text: "Create new task definition", href: "/task-definitions/create" },
  { id: "json", text: "Create new task definition with JSON", href: "/task-definitions/create-json" },
];

export function TaskDefinitionsPage() {
  const [status, setStatus] = useState<TaskDefinitionStatus>("ACTIVE");
  const [filter, setFilter] = useState("");
  const families = useTaskDefinitionFamilies(status);
  const all = families.data ?? [];
  const items = filter ? all.filter((f) => f.family.toLowerCase().includes(filter.toLowerCase())) : all;

  const columns: Column<FamilyRow>[] = [
    {
      id: "family",
      header: "Task definition",
      cell: (f) => <Link to={`/task-definitions/${encodeURIComponent(f.family)}?status=${status}`}>{f.family}</Link>,
    },
    {
      id: "latest",
      header: "Latest revision",
      cell: (f) =>
        f.latest ? (
          <Link to={`/task-definitions/${encodeURIComponent(f.family)}/${f.latestRevision}/containers`}>{f.latest}</Link>
        ) : (
          "-"
        ),
    },
    { id: "status", header: "Latest revision status", cell: () => <StatusBadge status={status} /> },
  ];

  return (
    <Page
      breadcrumbs={[{ text: "Task definitions" }]}
      title={families.data ? `Task definitions (${all.length})` : "Task definitions"}
      docTitle="Task definitions"
      description="A task definition is a blueprint for your application: the containers, their images, ports and resources."
      actions={<ButtonDropdown variant="primary" label="Create new task definition" items={CREATE_MENU_ITEMS} />}
    >
      {families.error && (
        <Alert type="error" header="Failed to load task definitions">
          {families.error.message}
        </Alert>
      )}
      <Container
        filter={
          <>
            <FilterInput label="Filter task definitions" value={filter} onChange={setFilter} matches={items.length} />
            <label className="flex items-center gap-2">
              <span className="text-sm font-bold text-aws-label">Filter status</span>
              <Select className="w-40" value={status} onChange={(e) => setStatus(e.target.value as TaskDefinitionStatus)}>
                <option value="ACTIVE">Active</option>
                <option value="INACTIVE">Inactive</option>
              </Select>
            </label>
          </>
        }
      >
        <Table
          label="Task definitions"
          columns={columns}
          items={items}
          trackBy={(f) => f.family}
          loading={families.isPending}
          loadingText="Loading task definitions"
          empty={
            filter ? (
              <EmptyState title="No matches">We can't find a match.</EmptyState>
            ) : (
              <EmptyState title="No task definitions">
                {status === "ACTIVE" ? "No active task definitions to display." : "No inactive task definitions to display."}
              </EmptyState>
            )
          }
        />
      </Container>
    </Page>
  );
}
