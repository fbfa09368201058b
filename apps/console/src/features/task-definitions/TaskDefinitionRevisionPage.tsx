import type { ContainerDefinition, TaskDefinition } from "@stevedore/shared";
import { useState } from "react";
import { useParams } from "react-router";
import { Page, Stack } from "../../app/Page.tsx";
import { Alert } from "../../components/Alert.tsx";
import { Button } from "../../components/Button.tsx";
import { ButtonDropdown } from "../../components/ButtonDropdown.tsx";
import { Container } from "../../components/Container.tsx";
import Spinner from "@cloudscape-design/components/spinner";
import Icon from "@cloudscape-design/components/icon";
import { KeyValueGrid } from "../../components/KeyValue.tsx";
import { StatusBadge } from "../../components/StatusIndicator.tsx";
import { Table, type Column } from "../../components/Table.tsx";
import { RouteTabs } from "../../components/Tabs.tsx";
import {
  essentialText,
  formatCpuUnits,
  formatDateTime,
  formatJson,
  formatMiB,
  formatPortMapping,
  formatTaskCpu,
  formatTaskMemory,
} from "../../lib/format.ts";
import { appEnvironment, networkMode, osArchitecture } from "../../lib/task-definition.ts";
import { NOT_APPLIED_TEXT, notAppliedFields } from "../../lib/not-applied.ts";
import { NotApplied } from "./NotApplied.tsx";
import { RevisionTasksTab } from "./RevisionTasksTab.tsx";
import { deployMenuItems, revisionMenuItems } from "./TaskDefinitionFamilyPage.tsx";
import { useTaskDefinition } from "./queries.ts";

export type RevisionTab = "containers" | "json" | "tasks";

/** A role ARN, marked when set: there is no IAM here. */
const roleValue = (arn: string | undefined) =>
  arn ? (
    <>
      {arn}
      <NotApplied />
    </>
  ) : (
    "-"
  );

/** The fields this revision sets that Stevedore stores but does not apply. */
function NotAppliedNotice({ td }: { td: TaskDefinition }) {
  const fields = notAppliedFields(td);
  if (fields.length === 0) return null;
  return (
    <Alert type="info" header={`${NOT_APPLIED_TEXT}: ${fields.length === 1 ? "1 field" : `${fields.length} fields`}`}>
      Stevedore keeps these fields and shows them in the JSON, but has no IAM, Secrets Manager, CloudWatch, EFS or GPUs to
      apply them with: <span className="font-mono text-[13px]">{fields.join(", ")}</span>.
    </Alert>
  );
}

function Overview({ td }: { td: TaskDefinition }) {
  return (
    <Container title="Overview">
      <KeyValueGrid
        columns={3}
        items={[
          { label: "ARN", value: <span className="break-all">{td.taskDefinitionArn}</span> },
          { label: "Status", value: <StatusBadge status={td.status} /> },
          { label: "App environment", value: appEnvironment(td) },
          { label: "Task role", value: roleValue(td.taskRoleArn) },
          { label: "Task execution role", value: roleValue(td.executionRoleArn) },
          { label: "OS / Architecture", value: osArchitecture(td) },
          { label: "Network mode", value: networkMode(td) },
          { label: "Task CPU", value: formatTaskCpu(td.cpu) },
          { label: "Task memory", value: formatTaskMemory(td.memory) },
          { label: "Registered at", value: formatDateTime(td.registeredAt) },
        ]}
      />
    </Container>
  );
}

function ContainersTab({ td }: { td: TaskDefinition }) {
  const mode = networkMode(td);
  const columns: Column<ContainerDefinition>[] = [
    { id: "name", header: "Container name", cell: (c) => c.name, nowrap: true },
    { id: "image", header: "Image", cell: (c) => <span className="break-all">{c.image}</span> },
    { id: "essential", header: "Essential container", cell: (c) => essentialText(c.essential) },
    { id: "cpu", header: "CPU", cell: (c) => formatCpuUnits(c.cpu) },
    { id: "memory", header: "Memory hard limit", cell: (c) => formatMiB(c.memory), nowrap: true },
    { id: "memoryReservation", header: "Memory soft limit", cell: (c) => formatMiB(c.memoryReservation), nowrap: true },
    {
      id: "ports",
      header: "Port mappings",
      cell: (c) =>
        c.portMappings?.length ? (
          <ul>
            {c.portMappings.map((pm, i) => (
              <li key={i} className="whitespace-nowrap">
                {formatPortMapping(pm, mode)}
              </li>
            ))}
          </ul>
        ) : (
          "-"
        ),
    },
    { id: "command", header: "Command", cell: (c) => (c.command?.length ? <code>{JSON.stringify(c.command)}</code> : "-") },
  ];
  return (
    <Container title="Containers" counter={`(${td.containerDefinitions.length})`}>
      <Table label="Containers" columns={columns} items={td.containerDefinitions} trackBy={(c) => c.name} />
    </Container>
  );
}

function JsonTab({ td }: { td: TaskDefinition }) {
  const json = formatJson(td);
  const [copied, setCopied] = useState(false);
  return (
    <Container
      title="JSON"
      actions={
        <Button
          onClick={() =>
            navigator.clipboard?.writeText(json).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          <Icon name="copy" /> {copied ? "Copied" : "Copy to clipboard"}
        </Button>
      }
    >
      <pre
        aria-label="Task definition JSON"
        tabIndex={0}
        className="max-h-[70vh] overflow-auto rounded-lg border border-aws-border bg-[#fafafa] p-4 font-mono text-[13px] leading-5"
      >
        {json}
      </pre>
    </Container>
  );
}

export function TaskDefinitionRevisionPage({ tab }: { tab: RevisionTab }) {
  const { family = "", revision = "" } = useParams();
  const query = useTaskDefinition(family, revision);
  const td = query.data?.taskDefinition;
  const ref = `${family}:${revision}`;
  const base = `/task-definitions/${encodeURIComponent(family)}/${revision}`;

  return (
    <Page
      breadcrumbs={[
        { text: "Task definitions", href: "/task-definitions" },
        { text: family, href: `/task-definitions/${encodeURIComponent(family)}` },
        { text: `Revision ${revision}` },
      ]}
      title={ref}
      actions={
        <>
          <ButtonDropdown label="Create new revision" items={revisionMenuItems(td ? ref : undefined)} />
          <ButtonDropdown
            variant="primary"
            label="Deploy"
            disabled={!td || td.status !== "ACTIVE"}
            items={deployMenuItems(family, revision)}
          />
        </>
      }
    >
      {query.isPending && (
        <div role="status" className="flex items-center gap-2 text-aws-muted">
          <Spinner /> Loading task definition
        </div>
      )}
      {query.error && (
        <Alert type="error" header={`Failed to load task definition ${ref}`}>
          {query.error.message}
        </Alert>
      )}
      {td && (
        <Stack>
          <Overview td={td} />
          <NotAppliedNotice td={td} />
          <RouteTabs
            label="Task definition"
            activeId={tab}
            tabs={[
              { id: "containers", label: "Containers", href: `${base}/containers` },
              { id: "json", label: "JSON", href: `${base}/json` },
              { id: "tasks", label: "Tasks", href: `${base}/tasks` },
            ]}
          >
            {tab === "containers" && <ContainersTab td={td} />}
            {tab === "json" && <JsonTab td={td} />}
            {tab === "tasks" && <RevisionTasksTab td={td} />}
          </RouteTabs>
        </Stack>
      )}
    </Page>
  );
}
