import type { Cluster } from "@stevedore/shared";
import { useState } from "react";
import { useParams } from "react-router";
import { Page, Stack } from "../../app/Page.tsx";
import { LoadState } from "../../components/LoadState.tsx";
import { Button, LinkButton } from "../../components/Button.tsx";
import { Container } from "../../components/Container.tsx";
import { Counts, KeyValueGrid } from "../../components/KeyValue.tsx";
import { StatusBadge } from "../../components/StatusIndicator.tsx";
import { RouteTabs } from "../../components/Tabs.tsx";
import { monitoringText } from "../../lib/format.ts";
import type { ReactNode } from "react";
import { DeleteClusterModal } from "./DeleteClusterModal.tsx";
import { useCluster } from "./queries.ts";

export type ClusterTab = "services" | "tasks" | "infrastructure" | "configuration" | "tags";

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

/**
 * A cluster's page. Each tab is its own route chunk (app/routes.tsx) that hands its content in, and
 * the tab's content renders while the cluster itself loads, so its lists are fetched alongside
 * DescribeClusters rather than after it.
 */
export function ClusterPage({ tab, content }: { tab: ClusterTab; content: (name: string, cluster: Cluster | undefined) => ReactNode }) {
  const { cluster: name = "" } = useParams();
  const cluster = useCluster(name);
  const [deleting, setDeleting] = useState(false);
  const base = `/clusters/${encodeURIComponent(name)}`;
  const found = cluster.data && cluster.data.status !== "INACTIVE";
  const missing = cluster.data === null || cluster.data?.status === "INACTIVE";

  return (
    <Page
      breadcrumbs={[{ text: "Clusters", href: "/clusters" }, { text: name }]}
      title={`Cluster : ${name}`}
      actions={
        found ? (
          <>
            <LinkButton to={`${base}/update`}>Update cluster</LinkButton>
            <Button onClick={() => setDeleting(true)}>Delete cluster</Button>
          </>
        ) : undefined
      }
    >
      <LoadState
        what="cluster"
        query={cluster}
        missing={missing}
        notFound={`Cluster ${name} does not exist or has been deleted.`}
      />
      {!missing && !cluster.error && (
        <Stack>
          {found && <Overview cluster={cluster.data!} />}
          <RouteTabs
            label="Cluster"
            activeId={tab}
            tabs={[
              { id: "services", label: "Services", href: `${base}/services` },
              { id: "tasks", label: "Tasks", href: `${base}/tasks` },
              { id: "infrastructure", label: "Infrastructure", href: `${base}/infrastructure` },
              { id: "configuration", label: "Configuration", href: `${base}/configuration` },
              { id: "tags", label: "Tags", href: `${base}/tags` },
            ]}
          >
            {content(name, found ? cluster.data! : undefined)}
          </RouteTabs>
        </Stack>
      )}
      {deleting && <DeleteClusterModal cluster={name} onDismiss={() => setDeleting(false)} />}
    </Page>
  );
}
