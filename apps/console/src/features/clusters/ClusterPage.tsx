import type { Cluster } from "@stevedore/shared";
import { useState } from "react";
import { useParams } from "react-router";
import { Page, Stack } from "../../app/Page.tsx";
import { LoadState } from "../../components/LoadState.tsx";
import { Button } from "../../components/Button.tsx";
import { Container } from "../../components/Container.tsx";
import { Counts, KeyValueGrid } from "../../components/KeyValue.tsx";
import { StatusBadge } from "../../components/StatusIndicator.tsx";
import { RouteTabs } from "../../components/Tabs.tsx";
import { monitoringText } from "../../lib/format.ts";
import { InfrastructureTab } from "../infrastructure/InfrastructureTab.tsx";
import { TasksTab } from "../tasks/TasksTab.tsx";
import { DeleteClusterModal } from "./DeleteClusterModal.tsx";
import { useCluster } from "./queries.ts";
import { ServicesTab } from "./ServicesTab.tsx";

export type ClusterTab = "services" | "tasks" | "infrastructure";

const statistic = (c: Cluster, match: RegExp) =>
  (c.statistics ?? []).filter((s) => match.test(s.name)).reduce((sum, s) => sum + (Number(s.value) || 0), 0);

function Overview({ cluster }: { cluster: Cluster }) {
  return (
    <Container title="Cluster overview">
      <KeyValueGrid
        columns={3}
        items={[
          { label: "ARN", value: <span className="break-all">{cluster.clusterArn}</span> },
          { label: "Status", value: <StatusBadge status={cluster.status} /> },
          { label: "CloudWatch monitoring", value: monitoringText(cluster.settings) },
          { label: "Registered container instances", value: cluster.registeredContainerInstancesCount ?? 0 },
          {
            label: "Services",
            value: (
              <Counts
                items={[
                  ["Draining", statistic(cluster, /^draining.*Service/i)],
                  ["Active", cluster.activeServicesCount ?? 0],
                ]}
              />
            ),
          },
          {
            label: "Tasks",
            value: (
              <Counts
                items={[
                  ["Pending", cluster.pendingTasksCount ?? 0],
                  ["Running", cluster.runningTasksCount ?? 0],
                ]}
              />
            ),
          },
        ]}
      />
    </Container>
  );
}

export function ClusterPage({ tab }: { tab: ClusterTab }) {
  const { cluster: name = "" } = useParams();
  const cluster = useCluster(name);
  const [deleting, setDeleting] = useState(false);
  const base = `/clusters/${encodeURIComponent(name)}`;
  const found = cluster.data && cluster.data.status !== "INACTIVE";

  return (
    <Page
      breadcrumbs={[{ text: "Clusters", href: "/clusters" }, { text: name }]}
      title={`Cluster : ${name}`}
      actions={
        found ? (
          <Button onClick={() => setDeleting(true)}>Delete cluster</Button>
        ) : undefined
      }
    >
      <LoadState
        what="cluster"
        query={cluster}
        missing={cluster.data === null || cluster.data?.status === "INACTIVE"}
        notFound={`Cluster ${name} does not exist or has been deleted.`}
      />
      {found && (
        <Stack>
          <Overview cluster={cluster.data!} />
          <RouteTabs
            label="Cluster"
            activeId={tab}
            tabs={[
              { id: "services", label: "Services", href: `${base}/services` },
              { id: "tasks", label: "Tasks", href: `${base}/tasks` },
              { id: "infrastructure", label: "Infrastructure", href: `${base}/infrastructure` },
            ]}
          >
            {tab === "services" && <ServicesTab />}
            {tab === "tasks" && <TasksTab cluster={name} />}
            {tab === "infrastructure" && <InfrastructureTab cluster={cluster.data!} />}
          </RouteTabs>
        </Stack>
      )}
      {deleting && <DeleteClusterModal cluster={name} onDismiss={() => setDeleting(false)} />}
    </Page>
  );
}
