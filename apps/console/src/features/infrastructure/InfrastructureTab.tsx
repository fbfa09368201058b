/**
 * The cluster's **Infrastructure** tab: capacity providers, each Auto Scaling group with its sizes
 * (editable), instances and scaling activities, and the container instances with row selection and an
 * **Actions** menu (Drain, Activate, Deregister, Terminate instance).
 */
import type { Cluster } from "@stevedore/shared";
import { useState } from "react";
import { Link } from "../../components/Link.tsx";
import { useFlash } from "../../app/flash.tsx";
import { Alert, LoadError } from "../../components/Alert.tsx";
import { Button, LinkButton } from "../../components/Button.tsx";
import { ButtonDropdown } from "../../components/ButtonDropdown.tsx";
import { Container } from "../../components/Container.tsx";
import { StatusBadge, StatusIndicator } from "../../components/StatusIndicator.tsx";
import { EmptyState, Table, type Column } from "../../components/Table.tsx";
import { instanceActions, instancesNoun, needsStateChange } from "../../lib/container-instances.ts";
import { formatCpuUnits, formatMiB, resourceValue, shortId } from "../../lib/format.ts";
import { FailureList } from "../tasks/FailureList.tsx";
import { AutoScalingGroupPanel } from "./AutoScalingGroupPanel.tsx";
import { AutoScalingGroupModal, DeregisterModal, TerminateModal } from "./InstanceModals.tsx";
import { useUpdateInstancesState } from "./mutations.ts";
import {
  availabilityZone,
  instanceType,
  loopbackAddress,
  useCapacityProviders,
  useContainerInstances,
  type CapacityProviderRow,
  type ContainerInstanceRow,
} from "./queries.ts";

export const instancePath = (cluster: string, containerInstanceArn: string) =>
  `/clusters/${encodeURIComponent(cluster)}/infrastructure/container-instances/${shortId(containerInstanceArn)}`;

/** "1,792" over "of 2,048" (registered). */
function Figure({ available, registered }: { available: string; registered: string }) {
  return (
    <span className="flex flex-col">
      <span>{available}</span>
      <span className="text-xs text-aws-muted" title="Registered">
        of {registered}
      </span>
    </span>
  );
}


function instanceColumns(cluster: string): Column<ContainerInstanceRow>[] {
  return [
    {
      id: "id",
      header: "Container instance",
      sortValue: (r) => shortId(r.instance.containerInstanceArn),
      cell: (r) => (
        <Link to={instancePath(cluster, r.instance.containerInstanceArn)} >
          {shortId(r.instance.containerInstanceArn)}
        </Link>
      ),
    },
    { id: "ec2", header: "EC2 instance", cell: (r) => r.instance.ec2InstanceId ?? "-", sortValue: (r) => r.instance.ec2InstanceId },
    { id: "type", header: "Instance type", cell: (r) => instanceType(r) ?? "-", sortValue: (r) => instanceType(r) },
    { id: "az", header: "Availability Zone", cell: (r) => availabilityZone(r) ?? "-", sortValue: (r) => availabilityZone(r) },
    { id: "address", header: "Address", cell: (r) => loopbackAddress(r) ?? "-", sortValue: (r) => loopbackAddress(r) },
    {
      id: "agent",
      header: "Agent",
      cell: (r) =>
        r.instance.agentConnected ? (
          <StatusIndicator kind="success">Connected</StatusIndicator>
        ) : (
          <StatusIndicator kind="error">Disconnected</StatusIndicator>
        ),
      nowrap: true,
    },
    { id: "status", header: "Status", cell: (r) => <StatusBadge status={r.instance.status} />, sortValue: (r) => r.instance.status },
    { id: "running", header: "Running tasks", cell: (r) => r.instance.runningTasksCount ?? 0, sortValue: (r) => r.instance.runningTasksCount ?? 0 },
    {
      id: "cpu",
      header: "CPU available",
      sortValue: (r) => resourceValue(r.instance.remainingResources, "CPU") ?? 0,
      cell: (r) => (
        <Figure
          available={formatCpuUnits(resourceValue(r.instance.remainingResources, "CPU"))}
          registered={formatCpuUnits(resourceValue(r.instance.registeredResources, "CPU"))}
        />
      ),
      nowrap: true,
    },
    {
      id: "memory",
      header: "Memory available",
      sortValue: (r) => resourceValue(r.instance.remainingResources, "MEMORY") ?? 0,
      cell: (r) => (
        <Figure
          available={formatMiB(resourceValue(r.instance.remainingResources, "MEMORY"))}
          registered={formatMiB(resourceValue(r.instance.registeredResources, "MEMORY"))}
        />
      ),
      nowrap: true,
    },
  ];
}

/** The tab; `cluster` is undefined while DescribeClusters has not answered (the instances load meanwhile). */
export function InfrastructureTab({ name, cluster }: { name: string; cluster: Cluster | undefined }) {
  const providers = useCapacityProviders(name, cluster);
  const instances = useContainerInstances(name);
  const [editing, setEditing] = useState<CapacityProviderRow | null>(null);
  const asgRows = (providers.data ?? []).filter((r) => r.type === "ASG");

  const providerColumns: Column<CapacityProviderRow>[] = [
    {
      id: "name",
      header: "Capacity provider",
      cell: (r) => (
        <span>
          {r.name}
          {r.isDefault && <span className="ml-2 rounded bg-[#e9ebed] px-1.5 py-0.5 text-xs">Default</span>}
        </span>
      ),
    },
    { id: "type", header: "Type", cell: (r) => r.type },
    { id: "asg", header: "Auto Scaling group", cell: (r) => r.asgName ?? "-" },
    { id: "desired", header: "Desired size", cell: (r) => r.asg?.desiredCapacity ?? "-" },
    { id: "min", header: "Minimum size", cell: (r) => r.asg?.minSize ?? "-" },
    { id: "max", header: "Maximum size", cell: (r) => r.asg?.maxSize ?? "-" },
    { id: "asgInstances", header: "Instances", cell: (r) => (r.asg ? r.asg.instances.length : "-") },
    {
      id: "scaling",
      header: "Managed scaling",
      cell: (r) => {
        const s = r.provider?.autoScalingGroupProvider?.managedScaling?.status;
        return s ? (s === "ENABLED" ? "Turned on" : "Turned off") : "-";
      },
    },
    {
      id: "actions",
      header: "Actions",
      cell: (r) =>
        r.asg ? (
          <Button variant="inline-link" aria-label={`Edit desired capacity of ${r.name}`} onClick={() => setEditing(r)}>
            Edit desired capacity
          </Button>
        ) : (
          "-"
        ),
      nowrap: true,
    },
  ];

  return (
    <div className="flex flex-col gap-5">
      <Container
        title="Capacity providers"
        counter={providers.data ? `(${providers.data.length})` : undefined}
        actions={
          <LinkButton to={`/clusters/${encodeURIComponent(name)}/create-capacity-provider`} disabled={!cluster}>
            Create
          </LinkButton>
        }
        description="Capacity providers manage the infrastructure your tasks use. An Auto Scaling group capacity provider runs tasks on the EC2 instances of its group."
      >
        <LoadError error={providers.error} header="Failed to load capacity providers" />
        <Table
          label="Capacity providers"
          columns={providerColumns}
          items={providers.data ?? []}
          trackBy={(r) => r.name}
          loading={providers.isPending}
          loadingText="Loading capacity providers"
          empty={<EmptyState title="No capacity providers">This cluster has no capacity providers.</EmptyState>}
        />
      </Container>

      {asgRows.map((r) =>
        r.asg ? (
          <AutoScalingGroupPanel key={r.name} cluster={name} row={r} onEdit={() => setEditing(r)} />
        ) : (
          <Alert key={r.name} type="warning" header={`Auto Scaling group of ${r.name} not found`}>
            The capacity provider names {r.asgName ?? "an Auto Scaling group"}, which does not exist (any more).
          </Alert>
        ),
      )}

      <ContainerInstancesSection cluster={name} query={instances} />

      {editing?.asg && (
        <AutoScalingGroupModal cluster={name} group={editing.asg} capacityProvider={editing.name} onDismiss={() => setEditing(null)} />
      )}
    </div>
  );
}

function ContainerInstancesSection({
  cluster,
  query,
}: {
  cluster: string;
  query: ReturnType<typeof useContainerInstances>;
}) {
  const flash = useFlash();
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [modal, setModal] = useState<"deregister" | "terminate" | null>(null);
  const setState = useUpdateInstancesState(cluster);
  const rows = query.items;
  const selected = rows.filter((r) => selectedIds.includes(r.instance.containerInstanceArn));
  const actions = instanceActions(
    selected.map((r) => ({
      status: r.instance.status,
      ec2InstanceId: r.instance.ec2InstanceId,
      autoScalingGroupName: r.asg?.autoScalingGroupName,
      runningTasksCount: r.instance.runningTasksCount,
    })),
  );

  const changeState = (status: "ACTIVE" | "DRAINING") => {
    const targets = needsStateChange(
      selected.map((r) => ({ ...r, status: r.instance.status })),
      status,
    );
    setState.mutate(
      { containerInstances: targets.map((r) => r.instance.containerInstanceArn), status },
      {
        onSuccess: ({ containerInstances, failures }) => {
          if (containerInstances.length)
            flash.push({
              type: "success",
              header:
                status === "DRAINING"
                  ? `${instancesNoun(containerInstances.length)} set to DRAINING`
                  : `${instancesNoun(containerInstances.length)} set to ACTIVE`,
              content:
                status === "DRAINING"
                  ? "No new tasks are placed on draining instances; service tasks on them are replaced elsewhere."
                  : "The instances take new tasks again.",
            });
          if (failures.length)
            flash.push({ type: "error", header: "Some container instances were not updated", content: <FailureList failures={failures} /> });
          setSelectedIds([]);
        },
        onError: (e) => flash.push({ type: "error", header: "Failed to update the container instances", content: e.message }),
      },
    );
  };

  return (
    <Container
      title="Container instances"
      counter={query.loaded ? `(${selected.length ? `${selected.length}/` : ""}${rows.length}${query.more.hasMore ? "+" : ""})` : undefined}
      description="Each container instance has its own loopback address; host ports are published on it."
      actions={
        <ButtonDropdown
          label="Actions"
          disabled={selected.length === 0 || setState.isPending}
          items={[
            {
              id: "drain",
              text: "Drain",
              disabled: !actions.drain,
              disabledReason: "Select ACTIVE instances (up to 10).",
              onSelect: () => changeState("DRAINING"),
            },
            {
              id: "activate",
              text: "Activate",
              disabled: !actions.activate,
              disabledReason: "Select DRAINING instances (up to 10).",
              onSelect: () => changeState("ACTIVE"),
            },
            {
              id: "deregister",
              text: "Deregister",
              disabled: !actions.deregister,
              disabledReason: "Select ACTIVE or DRAINING instances.",
              onSelect: () => setModal("deregister"),
            },
            {
              id: "terminate",
              text: "Terminate instance",
              disabled: !actions.terminate,
              disabledReason: actions.terminateReason,
              onSelect: () => setModal("terminate"),
            },
          ]}
        />
      }
    >
      <LoadError error={query.error} header="Failed to load container instances" />
      <Table
        label="Container instances"
        columns={instanceColumns(cluster)}
        items={rows}
        trackBy={(r) => r.instance.containerInstanceArn}
        loading={query.isPending}
        loadingText="Loading container instances"
        filterLabel="Filter container instances"
        more={query.more}
        selection={{
          selectedIds,
          onChange: setSelectedIds,
          itemLabel: (r) => `container instance ${shortId(r.instance.containerInstanceArn)}`,
        }}
        empty={<EmptyState title="No container instances">No container instances are registered to this cluster.</EmptyState>}
      />
      {modal === "deregister" && (
        <DeregisterModal cluster={cluster} rows={selected} onDismiss={() => setModal(null)} onDone={() => setSelectedIds([])} />
      )}
      {modal === "terminate" && (
        <TerminateModal cluster={cluster} rows={selected} onDismiss={() => setModal(null)} onDone={() => setSelectedIds([])} />
      )}
    </Container>
  );
}
