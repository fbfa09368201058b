/**
 * **Service : name** (/clusters/:cluster/services/:service/<tab>): overview, **Update service** and
 * **Delete service**, and the tabs Health and metrics, Tasks, Logs, Deployments, Events, Configuration
 * and networking. Everything refreshes live.
 */
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { Page, Stack } from "../../app/Page.tsx";
import { Alert } from "../../components/Alert.tsx";
import { Button, LinkButton } from "../../components/Button.tsx";
import { Container } from "../../components/Container.tsx";
import { Counts, KeyValueGrid } from "../../components/KeyValue.tsx";
import { StatusBadge } from "../../components/StatusIndicator.tsx";
import { RouteTabs } from "../../components/Tabs.tsx";
import { formatDateTime } from "../../lib/format.ts";
import type { Service } from "../../api/services.ts";
import { DeleteServiceModal } from "./DeleteServiceModal.tsx";
import { useService } from "./queries.ts";
import { LoadState } from "../../components/LoadState.tsx";
import { servicePath, TaskDefinitionLink } from "./ServiceCells.tsx";
import { computeItems } from "./ServiceCompute.tsx";
import { ServiceConfigurationTab } from "./ServiceConfigurationTab.tsx";
import { ServiceDeploymentsTab } from "./ServiceDeploymentsTab.tsx";
import { ServiceEventsTab } from "./ServiceEventsTab.tsx";
import { ServiceHealthTab } from "./ServiceHealthTab.tsx";
import { ServiceLogsTab } from "./ServiceLogsTab.tsx";
import { ServiceTasksTab } from "./ServiceTasksTab.tsx";

export type ServiceTab = "health" | "tasks" | "logs" | "deployments" | "events" | "configuration";

const TABS: { id: ServiceTab; label: string }[] = [
  { id: "health", label: "Health and metrics" },
  { id: "tasks", label: "Tasks" },
  { id: "logs", label: "Logs" },
  { id: "deployments", label: "Deployments" },
  { id: "events", label: "Events" },
  { id: "configuration", label: "Configuration and networking" },
];

function Overview({ service }: { service: Service }) {
  return (
    <Container title="Service overview">
      <KeyValueGrid
        columns={4}
        items={[
          { label: "ARN", value: <span className="break-all">{service.serviceArn}</span> },
          { label: "Status", value: <StatusBadge status={service.status} /> },
          {
            label: "Tasks",
            value: (
              <Counts
                items={[
                  ["Desired", service.desiredCount],
                  ["Running", service.runningCount],
                  ["Pending", service.pendingCount],
                ]}
              />
            ),
          },
          { label: "Task definition: revision", value: <TaskDefinitionLink arn={service.taskDefinition} /> },
          { label: "Service type", value: service.schedulingStrategy ?? "REPLICA" },
          computeItems(service)[0]!,
          { label: "Created at", value: formatDateTime(service.createdAt) },
        ]}
      />
    </Container>
  );
}

export function ServicePage({ tab }: { tab: ServiceTab }) {
  const { cluster = "", service: name = "" } = useParams();
  const service = useService(cluster, name);
  const navigate = useNavigate();
  const [deleting, setDeleting] = useState(false);
  const clusterPath = `/clusters/${encodeURIComponent(cluster)}`;
  const s = service.data;
  const active = s?.status === "ACTIVE";

  return (
    <Page
      breadcrumbs={[
        { text: "Clusters", href: "/clusters" },
        { text: cluster, href: `${clusterPath}/services` },
        { text: "Services", href: `${clusterPath}/services` },
        { text: name },
      ]}
      title={`Service : ${name}`}
      actions={
        s ? (
          <>
            <Button onClick={() => setDeleting(true)} disabled={!active}>
              Delete service
            </Button>
            {active ? (
              <LinkButton variant="primary" to={servicePath(cluster, name, "update")}>
                Update service
              </LinkButton>
            ) : (
              <Button variant="primary" disabled>
                Update service
              </Button>
            )}
          </>
        ) : undefined
      }
    >
      <LoadState what="service" query={service} missing={service.data === null} notFound={`Service ${name} does not exist in cluster ${cluster}.`} />
      {s && (
        <Stack>
          {s.status === "DRAINING" && (
            <Alert type="in-progress" header="The service is being deleted">
              Its tasks are stopping. The service becomes Inactive once they have stopped.
            </Alert>
          )}
          {s.status === "INACTIVE" && (
            <Alert type="info" header="The service has been deleted">
              The service is Inactive. Its events and configuration stay visible for a while.
            </Alert>
          )}
          <Overview service={s} />
          <RouteTabs label="Service" activeId={tab} tabs={TABS.map((t) => ({ ...t, href: servicePath(cluster, name, t.id) }))}>
            {tab === "health" && <ServiceHealthTab cluster={cluster} service={s} />}
            {tab === "tasks" && <ServiceTasksTab cluster={cluster} service={name} />}
            {tab === "logs" && <ServiceLogsTab cluster={cluster} service={name} />}
            {tab === "deployments" && <ServiceDeploymentsTab cluster={cluster} service={s} />}
            {tab === "events" && <ServiceEventsTab cluster={cluster} service={s} />}
            {tab === "configuration" && <ServiceConfigurationTab service={s} />}
          </RouteTabs>
        </Stack>
      )}
      {deleting && s && (
        <DeleteServiceModal
          cluster={cluster}
          service={name}
          desiredCount={s.desiredCount}
          onDismiss={() => setDeleting(false)}
          onDeleted={() => navigate(`${clusterPath}/services`)}
        />
      )}
    </Page>
  );
}
