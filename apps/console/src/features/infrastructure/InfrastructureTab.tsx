import type { Cluster } from "@stevedore/shared";
import { useState } from "react";
import { Alert, LoadError } from "../../components/Alert.tsx";
import { Button } from "../../components/Button.tsx";
import { Container } from "../../components/Container.tsx";
import { FormField, Input } from "../../components/FormField.tsx";
import { Modal } from "../../components/Modal.tsx";
import { StatusBadge, StatusIndicator } from "../../components/StatusIndicator.tsx";
import { EmptyState, Table, type Column } from "../../components/Table.tsx";
import { formatCpuUnits, formatMiB, resourceValue, shortId } from "../../lib/format.ts";
import { useSetDesiredCapacity } from "./mutations.ts";
import {
  availabilityZone,
  instanceType,
  useCapacityProviders,
  useContainerInstances,
  type CapacityProviderRow,
  type ContainerInstanceRow,
} from "./queries.ts";

const instanceColumns: Column<ContainerInstanceRow>[] = [
  { id: "id", header: "Container instance", cell: (r) => shortId(r.instance.containerInstanceArn), nowrap: true },
  { id: "ec2", header: "EC2 instance", cell: (r) => r.instance.ec2InstanceId ?? "-", nowrap: true },
  { id: "type", header: "Instance type", cell: (r) => instanceType(r) ?? "-", nowrap: true },
  { id: "az", header: "Availability Zone", cell: (r) => availabilityZone(r) ?? "-", nowrap: true },
  {
    id: "address",
    header: "Address",
    cell: (r) => <span className="font-mono text-[13px]">{r.ec2?.privateIpAddress ?? "-"}</span>,
    nowrap: true,
  },
  {
    id: "agent",
    header: "Agent connected",
    cell: (r) =>
      r.instance.agentConnected ? (
        <StatusIndicator kind="success">true</StatusIndicator>
      ) : (
        <StatusIndicator kind="error">false</StatusIndicator>
      ),
    nowrap: true,
  },
  { id: "status", header: "Status", cell: (r) => <StatusBadge status={r.instance.status} />, nowrap: true },
  { id: "running", header: "Running tasks", cell: (r) => r.instance.runningTasksCount ?? 0 },
  { id: "cpuAvail", header: "CPU available", cell: (r) => formatCpuUnits(resourceValue(r.instance.remainingResources, "CPU")), nowrap: true },
  { id: "cpuReg", header: "CPU registered", cell: (r) => formatCpuUnits(resourceValue(r.instance.registeredResources, "CPU")), nowrap: true },
  { id: "memAvail", header: "Memory available", cell: (r) => formatMiB(resourceValue(r.instance.remainingResources, "MEMORY")), nowrap: true },
  { id: "memReg", header: "Memory registered", cell: (r) => formatMiB(resourceValue(r.instance.registeredResources, "MEMORY")), nowrap: true },
];

export function InfrastructureTab({ cluster }: { cluster: Cluster }) {
  const providers = useCapacityProviders(cluster);
  const instances = useContainerInstances(cluster.clusterName);
  const [editing, setEditing] = useState<CapacityProviderRow | null>(null);

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

      <Container
        title="Container instances"
        counter={instances.data ? `(${instances.data.length})` : undefined}
        description="Each container instance has its own loopback address; host ports are published on it."
      >
        <LoadError error={instances.error} header="Failed to load container instances" />
        <Table
          label="Container instances"
          columns={instanceColumns}
          items={instances.data ?? []}
          trackBy={(r) => r.instance.containerInstanceArn}
          loading={instances.isPending}
          loadingText="Loading container instances"
          empty={<EmptyState title="No container instances">No container instances are registered to this cluster.</EmptyState>}
        />
      </Container>

      {editing?.asg && (
        <DesiredCapacityModal cluster={cluster.clusterName} row={editing} onDismiss={() => setEditing(null)} />
      )}
    </div>
  );
}

function DesiredCapacityModal({
  cluster,
  row,
  onDismiss,
}: {
  cluster: string;
  row: CapacityProviderRow;
  onDismiss: () => void;
}) {
  const asg = row.asg!;
  const [value, setValue] = useState(String(asg.desiredCapacity));
  const [submitted, setSubmitted] = useState(false);
  const update = useSetDesiredCapacity(cluster);
  const n = Number(value);
  const error = !/^\d+$/.test(value.trim())
    ? "Desired capacity must be a whole number."
    : n < asg.minSize || n > asg.maxSize
      ? `Desired capacity must be between ${asg.minSize} and ${asg.maxSize}.`
      : undefined;

  const onSubmit = () => {
    setSubmitted(true);
    if (error) return;
    update.mutate({ autoScalingGroupName: asg.name, desiredCapacity: n }, { onSuccess: onDismiss });
  };

  return (
    <Modal
      title="Edit desired capacity"
      onDismiss={onDismiss}
      footer={
        <>
          <Button variant="link" onClick={onDismiss}>
            Cancel
          </Button>
          <Button variant="primary" onClick={onSubmit} loading={update.isPending}>
            Update
          </Button>
        </>
      }
    >
      <p>
        Auto Scaling group <b>{asg.name}</b> of capacity provider <b>{row.name}</b>.
      </p>
      <FormField
        label="Desired capacity"
        constraint={`Between the group's minimum (${asg.minSize}) and maximum (${asg.maxSize}).`}
        error={submitted ? error : undefined}
      >
        {(p) => (
          <Input
            {...p}
            className="w-40"
            type="number"
            min={asg.minSize}
            max={asg.maxSize}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            onKeyDown={(e) => e.key === "Enter" && onSubmit()}
          />
        )}
      </FormField>
      {update.error && (
        <Alert type="error" header="Failed to update the desired capacity">
          {update.error.message}
        </Alert>
      )}
    </Modal>
  );
}
