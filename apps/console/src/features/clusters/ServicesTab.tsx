/**
 * The cluster's **Services** tab: its ACTIVE and DRAINING services, live, with **Create**, and **Update**
 * and **Delete service** for a selected row.
 */
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { Link } from "../../components/Link.tsx";
import { LoadError } from "../../components/Alert.tsx";
import { Button, LinkButton } from "../../components/Button.tsx";
import { Container } from "../../components/Container.tsx";
import { FilterInput } from "../../components/FormField.tsx";
import { StatusBadge } from "../../components/StatusIndicator.tsx";
import { EmptyState, Table, type Column } from "../../components/Table.tsx";
import type { Service } from "../../api/services.ts";
import { DeleteServiceModal } from "../services/DeleteServiceModal.tsx";
import { useClusterServices } from "../services/queries.ts";
import { DeploymentsAndTasks, LastDeployment, servicePath, TaskDefinitionLink } from "../services/ServiceCells.tsx";
import { revisionOf } from "../services/service-format.ts";
import { launchTypeOfService } from "../../lib/compute.ts";

export function ServicesTab() {
  const { cluster = "" } = useParams();
  const services = useClusterServices(cluster);
  const navigate = useNavigate();
  const [selected, setSelected] = useState<string[]>([]);
  const [filter, setFilter] = useState("");
  const [deleting, setDeleting] = useState<Service | null>(null);

  const all = services.data ?? [];
  const needle = filter.trim().toLowerCase();
  const items = needle
    ? all.filter((s) => [s.serviceName, s.status, s.schedulingStrategy ?? "", revisionOf(s.taskDefinition)].join(" ").toLowerCase().includes(needle))
    : all;
  const selectedServices = all.filter((s) => selected.includes(s.serviceArn) && s.status === "ACTIVE");
  const one = selectedServices.length === 1 ? selectedServices[0] : undefined;

  const columns: Column<Service>[] = [
    {
      id: "name",
      header: "Service name",
      cell: (s) => <Link to={servicePath(cluster, s.serviceName)}>{s.serviceName}</Link>,
      nowrap: true,
    },
    { id: "status", header: "Status", cell: (s) => <StatusBadge status={s.status} />, nowrap: true },
    { id: "type", header: "Service type", cell: (s) => s.schedulingStrategy ?? "REPLICA", nowrap: true },
    { id: "tasks", header: "Deployments and tasks", cell: (s) => <DeploymentsAndTasks service={s} /> },
    { id: "taskDefinition", header: "Task definition", cell: (s) => <TaskDefinitionLink arn={s.taskDefinition} />, nowrap: true },
    { id: "launchType", header: "Launch type", cell: (s) => launchTypeOfService(s) ?? "-", nowrap: true },
    { id: "lastDeployment", header: "Last deployment", cell: (s) => <LastDeployment service={s} /> },
  ];

  return (
    <>
      <Container
        title="Services"
        counter={services.data ? `(${all.length})` : undefined}
        actions={
          <>
            <Button disabled={!one} onClick={() => one && navigate(`${servicePath(cluster, one.serviceName, "update")}`)}>
              Update
            </Button>
            <Button disabled={!one} onClick={() => one && setDeleting(one)}>
              Delete service
            </Button>
            <LinkButton variant="primary" to={`/clusters/${encodeURIComponent(cluster)}/create-service`}>
              Create
            </LinkButton>
          </>
        }
        filter={<FilterInput label="Filter services" placeholder="Filter services" value={filter} onChange={setFilter} matches={items.length} />}
      >
        <LoadError error={services.error} header="Failed to load services" />
        <Table
          label="Services"
          columns={columns}
          items={items}
          trackBy={(s) => s.serviceArn}
          loading={services.isPending}
          loadingText="Loading services"
          selection={{
            selectedIds: selected.filter((arn) => all.some((s) => s.serviceArn === arn)),
            onChange: setSelected,
            itemLabel: (s) => s.serviceName,
            isSelectable: (s) => s.status === "ACTIVE",
          }}
          empty={
            filter ? (
              <EmptyState title="No matches">We can't find a match.</EmptyState>
            ) : (
              <EmptyState title="No services">No services to display.</EmptyState>
            )
          }
        />
      </Container>
      {deleting && (
        <DeleteServiceModal
          cluster={cluster}
          service={deleting.serviceName}
          desiredCount={deleting.desiredCount}
          onDismiss={() => setDeleting(null)}
          onDeleted={() => setSelected([])}
        />
      )}
    </>
  );
}
