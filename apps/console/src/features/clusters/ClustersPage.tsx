import type { Cluster } from "@stevedore/shared";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useEffect } from "react";
import { useSetBreadcrumbs } from "../../app/breadcrumbs.tsx";
import { Alert } from "../../components/Alert.tsx";
import { Button, LinkButton } from "../../components/Button.tsx";
import { Link } from "../../components/Link.tsx";
import { EmptyState, Table, type Column } from "../../components/Table.tsx";
import {
  capacityProviderText,
  clusterTasksText,
  containerInstancesText,
  monitoringText,
} from "../../lib/format.ts";
import { useClusters } from "./queries.ts";

const columns: Column<Cluster>[] = [
  {
    id: "cluster",
    header: "Cluster",
    cell: (c) => <Link to={`/clusters/${encodeURIComponent(c.clusterName)}/services`}>{c.clusterName}</Link>,
    sortValue: (c) => c.clusterName,
  },
  { id: "services", header: "Services", cell: (c) => c.activeServicesCount ?? 0, sortValue: (c) => c.activeServicesCount ?? 0 },
  {
    id: "tasks",
    header: "Tasks",
    cell: (c) => clusterTasksText(c.pendingTasksCount ?? 0, c.runningTasksCount ?? 0),
    sortValue: (c) => c.runningTasksCount ?? 0,
  },
  {
    id: "instances",
    header: "Container instances",
    cell: (c) => containerInstancesText(c.registeredContainerInstancesCount ?? 0),
    sortValue: (c) => c.registeredContainerInstancesCount ?? 0,
  },
  { id: "monitoring", header: "CloudWatch monitoring", cell: (c) => monitoringText(c.settings) },
  {
    id: "capacity",
    header: "Capacity provider",
    cell: (c) => capacityProviderText(c.defaultCapacityProviderStrategy),
    filterText: (c) => capacityProviderText(c.defaultCapacityProviderStrategy),
  },
];

export function ClustersPage() {
  const clusters = useClusters();
  const all = clusters.data ?? [];
  useSetBreadcrumbs([{ text: "Clusters" }]);
  useEffect(() => {
    document.title = "Clusters | Amazon Elastic Container Service | Stevedore";
  }, []);

  return (
    <SpaceBetween size="l">
      {clusters.error && (
        <Alert type="error" header="Failed to load clusters">
          {clusters.error.message}
        </Alert>
      )}
      <Table
        label="Clusters"
        variant="full-page"
        header={
          <Header
            variant="awsui-h1-sticky"
            counter={clusters.data ? `(${all.length})` : undefined}
            description="An Amazon ECS cluster groups together tasks and services, and allows for shared capacity and common configurations."
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button aria-label="Refresh clusters" iconName="refresh" onClick={() => void clusters.refetch()} />
                <LinkButton variant="primary" to="/create-cluster">
                  Create cluster
                </LinkButton>
              </SpaceBetween>
            }
          >
            Clusters
          </Header>
        }
        filterLabel="Filter clusters"
        columns={columns}
        items={all}
        trackBy={(c) => c.clusterArn}
        loading={clusters.isPending}
        loadingText="Loading clusters"
        empty={<EmptyState title="No clusters">No clusters to display.</EmptyState>}
      />
    </SpaceBetween>
  );
}
