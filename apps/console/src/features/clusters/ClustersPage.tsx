import type { Cluster } from "@stevedore/shared";
import { useState } from "react";
import { Link } from "react-router";
import { Page } from "../../app/Page.tsx";
import { Alert } from "../../components/Alert.tsx";
import { Button, LinkButton } from "../../components/Button.tsx";
import { Container } from "../../components/Container.tsx";
import { FilterInput } from "../../components/FormField.tsx";
import { RefreshIcon } from "../../components/icons.tsx";
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
  },
  { id: "services", header: "Services", cell: (c) => c.activeServicesCount ?? 0 },
  { id: "tasks", header: "Tasks", cell: (c) => clusterTasksText(c.pendingTasksCount ?? 0, c.runningTasksCount ?? 0), nowrap: true },
  {
    id: "instances",
    header: "Container instances",
    cell: (c) => containerInstancesText(c.registeredContainerInstancesCount ?? 0),
  },
  { id: "monitoring", header: "CloudWatch monitoring", cell: (c) => monitoringText(c.settings) },
  { id: "capacity", header: "Capacity provider", cell: (c) => capacityProviderText(c.defaultCapacityProviderStrategy) },
];

export function ClustersPage() {
  const clusters = useClusters();
  const [filter, setFilter] = useState("");
  const all = clusters.data ?? [];
  const items = filter ? all.filter((c) => c.clusterName.toLowerCase().includes(filter.toLowerCase())) : all;
  const title = clusters.data ? `Clusters (${all.length})` : "Clusters";

  return (
    <Page
      breadcrumbs={[{ text: "Clusters" }]}
      title={title}
      docTitle="Clusters"
      description="An Amazon ECS cluster groups together tasks and services, and allows for shared capacity and common configurations."
      actions={
        <>
          <Button aria-label="Refresh clusters" onClick={() => clusters.refetch()}>
            <RefreshIcon />
          </Button>
          <LinkButton variant="primary" to="/create-cluster">
            Create cluster
          </LinkButton>
        </>
      }
    >
      {clusters.error && (
        <Alert type="error" header="Failed to load clusters">
          {clusters.error.message}
        </Alert>
      )}
      <Container
        filter={
          <FilterInput label="Filter clusters" placeholder="Filter clusters" value={filter} onChange={setFilter} matches={items.length} />
        }
      >
        <Table
          label="Clusters"
          columns={columns}
          items={items}
          trackBy={(c) => c.clusterArn}
          loading={clusters.isPending}
          loadingText="Loading clusters"
          empty={
            filter ? (
              <EmptyState title="No matches">We can't find a match.</EmptyState>
            ) : (
              <EmptyState title="No clusters">
                No clusters to display.
              </EmptyState>
            )
          }
        />
      </Container>
    </Page>
  );
}
