import { useParams, useSearchParams } from "react-router";
import { Link } from "../../components/Link.tsx";
import { Page } from "../../app/Page.tsx";
import { Alert } from "../../components/Alert.tsx";
import { ButtonDropdown } from "../../components/ButtonDropdown.tsx";
import { Container } from "../../components/Container.tsx";
import { Select } from "../../components/FormField.tsx";
import { StatusBadge } from "../../components/StatusIndicator.tsx";
import { EmptyState, Table, type Column } from "../../components/Table.tsx";
import type { TaskDefinitionStatus } from "../../api/ecs.ts";
import { useTaskDefinitionRevisions, type RevisionRow } from "./queries.ts";

/** **Create new revision** (the form, prefilled) and **Create new revision with JSON**, from revision `ref`. */
export function revisionMenuItems(ref: string | undefined) {
  const from = ref ? `?from=${encodeURIComponent(ref)}` : "";
  return [
    { id: "form", text: "Create new revision", disabled: !ref, href: ref ? `/task-definitions/create${from}` : undefined },
    { id: "json", text: "Create new revision with JSON", disabled: !ref, href: ref ? `/task-definitions/create-json${from}` : undefined },
  ];
}

export function deployMenuItems(family: string, revision: number | string | undefined) {
  const query = revision ? `?revision=${revision}` : "";
  return [
    { id: "run-task", text: "Run task", href: `/task-definitions/${encodeURIComponent(family)}/run-task${query}` },
    { id: "create-service", text: "Create service", href: `/task-definitions/${encodeURIComponent(family)}/create-service${query}` },
  ];
}

export function TaskDefinitionFamilyPage() {
  const { family = "" } = useParams();
  const [search, setSearch] = useSearchParams();
  const status: TaskDefinitionStatus = search.get("status") === "INACTIVE" ? "INACTIVE" : "ACTIVE";
  const revisions = useTaskDefinitionRevisions(family, status);
  const latest = revisions.data?.[0];

  const columns: Column<RevisionRow>[] = [
    {
      id: "revision",
      header: "Task definition: revision",
      cell: (r) => <Link to={`/task-definitions/${encodeURIComponent(family)}/${r.revision}/containers`}>{r.ref}</Link>,
    },
    { id: "status", header: "Status", cell: (r) => <StatusBadge status={r.status} /> },
  ];

  return (
    <Page
      breadcrumbs={[{ text: "Task definitions", href: "/task-definitions" }, { text: family }]}
      title={family}
      actions={
        <>
          <ButtonDropdown label="Create new revision" items={revisionMenuItems(status === "ACTIVE" ? latest?.ref : undefined)} />
          <ButtonDropdown
            variant="primary"
            label="Deploy"
            disabled={status !== "ACTIVE" || !latest}
            items={deployMenuItems(family, undefined)}
          />
        </>
      }
    >
      {revisions.error && (
        <Alert type="error" header="Failed to load revisions">
          {revisions.error.message}
        </Alert>
      )}
      <Container
        title="Revisions"
        counter={revisions.data ? `(${revisions.data.length})` : undefined}
        filter={
          <label className="flex items-center gap-2">
            <span className="text-sm font-bold text-aws-label">Filter status</span>
            <Select
              className="w-40"
              value={status}
              onChange={(e) => setSearch({ status: e.target.value }, { replace: true })}
            >
              <option value="ACTIVE">Active</option>
              <option value="INACTIVE">Inactive</option>
            </Select>
          </label>
        }
      >
        <Table
          label="Revisions"
          columns={columns}
          items={revisions.data ?? []}
          trackBy={(r) => r.arn}
          loading={revisions.isPending}
          loadingText="Loading revisions"
          empty={<EmptyState title="No revisions">No {status === "ACTIVE" ? "active" : "inactive"} revisions of {family}.</EmptyState>}
        />
      </Container>
    </Page>
  );
}
