/** The service page's **Deployments** tab: PRIMARY and ACTIVE deployments with their counts and rollout, and the latest events. */
import { Link } from "../../components/Link.tsx";
import { Stack } from "../../app/Page.tsx";
import { Container } from "../../components/Container.tsx";
import { StatusIndicator } from "../../components/StatusIndicator.tsx";
import { EmptyState, Table, type Column } from "../../components/Table.tsx";
import { formatDateTime, formatRelative, toDate } from "../../lib/format.ts";
import type { Deployment, Service, ServiceEvent } from "../../api/services.ts";
import { EventMessage } from "./EventMessage.tsx";
import { servicePath, TaskDefinitionLink } from "./ServiceCells.tsx";
import { deploymentStatusText, rolloutKind, rolloutText } from "./service-format.ts";

const time = (ts: number | undefined) => (ts ? <time dateTime={toDate(ts)?.toISOString()}>{formatDateTime(ts)}</time> : "-");
/** A deployment's times: relative, the absolute time on hover (the table stays narrow). */
const ago = (ts: number | undefined) =>
  ts ? (
    <time dateTime={toDate(ts)?.toISOString()} title={formatDateTime(ts)}>
      {formatRelative(ts)}
    </time>
  ) : (
    "-"
  );

const RECENT_EVENTS = 5;

export function ServiceDeploymentsTab({ cluster, service }: { cluster: string; service: Service }) {
  const deployments = [...(service.deployments ?? [])].sort((a, b) => (a.status === "PRIMARY" ? -1 : b.status === "PRIMARY" ? 1 : b.createdAt - a.createdAt));
  const columns: Column<Deployment>[] = [
    { id: "id", header: "Deployment ID", cell: (d) => <span className="font-mono text-[13px]">{d.id}</span>, nowrap: true },
    { id: "status", header: "Status", cell: (d) => deploymentStatusText(d.status), nowrap: true },
    { id: "taskDefinition", header: "Task definition", cell: (d) => <TaskDefinitionLink arn={d.taskDefinition} />, nowrap: true },
    { id: "desired", header: "Desired", cell: (d) => d.desiredCount },
    { id: "running", header: "Running", cell: (d) => d.runningCount },
    { id: "pending", header: "Pending", cell: (d) => d.pendingCount },
    { id: "failed", header: "Failed", cell: (d) => d.failedTasks ?? 0 },
    {
      id: "rollout",
      header: "Rollout state",
      cell: (d) => <StatusIndicator kind={rolloutKind(d.rolloutState)}>{rolloutText(d.rolloutState)}</StatusIndicator>,
      nowrap: true,
    },
    { id: "reason", header: "Rollout state reason", cell: (d) => <span className="block min-w-48 break-words">{d.rolloutStateReason || "-"}</span> },
    { id: "created", header: "Created at", cell: (d) => ago(d.createdAt), nowrap: true },
    { id: "updated", header: "Updated at", cell: (d) => ago(d.updatedAt), nowrap: true },
  ];
  const events = (service.events ?? []).slice(0, RECENT_EVENTS);
  const eventColumns: Column<ServiceEvent>[] = [
    { id: "started", header: "Started at", cell: (e) => time(e.createdAt), nowrap: true },
    { id: "message", header: "Message", cell: (e) => <EventMessage cluster={cluster} message={e.message} /> },
  ];
  return (
    <Stack>
      <Container
        title="Deployments"
        counter={`(${deployments.length})`}
        description="The PRIMARY deployment is the latest one; ACTIVE deployments still have tasks being replaced."
      >
        <Table
          label="Deployments"
          columns={columns}
          items={deployments}
          trackBy={(d) => d.id}
          empty={<EmptyState title="No deployments">The service has no ongoing deployments.</EmptyState>}
        />
      </Container>
      <Container
        title="Recent events"
        actions={<Link to={servicePath(cluster, service.serviceName, "events")}>View all events</Link>}
      >
        <Table
          label="Recent events"
          columns={eventColumns}
          items={events}
          trackBy={(e) => e.id}
          empty={<EmptyState title="No events">No events to display.</EmptyState>}
        />
      </Container>
    </Stack>
  );
}
