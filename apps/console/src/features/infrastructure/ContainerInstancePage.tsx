/**
 * **Container Instance : <id>** (/clusters/:cluster/infrastructure/container-instances/:id): details,
 * resources, the tasks on it, its attributes (built-in read-only, custom ones added, edited and removed
 * with PutAttributes / DeleteAttributes), and **Deregister**, **Drain** / **Activate**, **Terminate instance**.
 */
import type { Attribute } from "@stevedore/shared";
import { useState, type FormEvent } from "react";
import { useParams } from "react-router";
import { Link } from "../../components/Link.tsx";
import { useFlash } from "../../app/flash.tsx";
import { Page, Stack } from "../../app/Page.tsx";
import { Alert, LoadError } from "../../components/Alert.tsx";
import { Button } from "../../components/Button.tsx";
import { Container, ExpandableSection } from "../../components/Container.tsx";
import { FormField, Input } from "../../components/FormField.tsx";
import Spinner from "@cloudscape-design/components/spinner";
import { KeyValueGrid } from "../../components/KeyValue.tsx";
import { StatusBadge, StatusIndicator } from "../../components/StatusIndicator.tsx";
import { EmptyState, Table } from "../../components/Table.tsx";
import {
  isCapability,
  MAX_CUSTOM_ATTRIBUTES,
  reservedPorts,
  resourceFigures,
  splitAttributes,
  validateAttributeName,
  validateAttributeValue,
} from "../../lib/container-instances.ts";
import { formatCpuUnits, formatDateTime, formatMiB } from "../../lib/format.ts";
import { TASK_COLUMNS, TaskTable } from "../tasks/TaskTable.tsx";
import { FailureList } from "../tasks/FailureList.tsx";
import { LifecycleState } from "./AutoScalingGroupPanel.tsx";
import { DeregisterModal, TerminateModal } from "./InstanceModals.tsx";
import { useDeleteAttribute, usePutAttribute, useUpdateInstancesState } from "./mutations.ts";
import {
  availabilityZone,
  instanceType,
  loopbackAddress,
  useContainerInstance,
  useInstanceTasks,
  type ContainerInstanceRow,
} from "./queries.ts";

export function ContainerInstancePage() {
  const { cluster = "", id = "" } = useParams();
  const query = useContainerInstance(cluster, id);
  const flash = useFlash();
  const setState = useUpdateInstancesState(cluster);
  const [modal, setModal] = useState<"deregister" | "terminate" | null>(null);
  const row = query.data ?? undefined;
  const ci = row?.instance;
  const live = ci && (ci.status === "ACTIVE" || ci.status === "DRAINING");
  const infraPath = `/clusters/${encodeURIComponent(cluster)}/infrastructure`;

  const changeState = (status: "ACTIVE" | "DRAINING") =>
    setState.mutate(
      { containerInstances: [ci!.containerInstanceArn], status },
      {
        onSuccess: ({ failures }) =>
          failures.length
            ? flash.push({ type: "error", header: "The container instance was not updated", content: <FailureList failures={failures} /> })
            : flash.push({
                type: "success",
                header: status === "DRAINING" ? `Container instance ${id} set to DRAINING` : `Container instance ${id} set to ACTIVE`,
              }),
        onError: (e) => flash.push({ type: "error", header: "Failed to update the container instance", content: e.message }),
      },
    );

  return (
    <Page
      breadcrumbs={[
        { text: "Clusters", href: "/clusters" },
        { text: cluster, href: infraPath },
        { text: "Container instances", href: infraPath },
        { text: id },
      ]}
      title={`Container Instance : ${id}`}
      actions={
        live ? (
          <>
            {ci.status === "ACTIVE" ? (
              <Button onClick={() => changeState("DRAINING")} loading={setState.isPending}>
                Drain
              </Button>
            ) : (
              <Button onClick={() => changeState("ACTIVE")} loading={setState.isPending}>
                Activate
              </Button>
            )}
            {row?.asg?.autoScalingGroupName && <Button onClick={() => setModal("terminate")}>Terminate instance</Button>}
            <Button onClick={() => setModal("deregister")}>Deregister</Button>
          </>
        ) : undefined
      }
    >
      {query.isPending && (
        <div role="status" className="flex items-center gap-2 text-aws-muted">
          <Spinner /> Loading container instance
        </div>
      )}
      <LoadError error={query.error} header="Failed to load the container instance" />
      {query.data === null && (
        <Alert type="error" header="Container instance not found">
          Container instance {id} is not registered to cluster {cluster}. <Link to={infraPath}>Back to the cluster's infrastructure</Link>
        </Alert>
      )}
      {row && (
        <Stack>
          {ci!.status === "INACTIVE" && (
            <Alert type="info" header="This container instance is deregistered">
              It no longer belongs to the cluster and takes no tasks.
            </Alert>
          )}
          <Details row={row} cluster={cluster} />
          <Resources row={row} />
          <InstanceTasks cluster={cluster} arn={ci!.containerInstanceArn} />
          <Attributes cluster={cluster} row={row} readOnly={!live} />
        </Stack>
      )}
      {modal === "deregister" && row && <DeregisterModal cluster={cluster} rows={[row]} onDismiss={() => setModal(null)} />}
      {modal === "terminate" && row && <TerminateModal cluster={cluster} rows={[row]} onDismiss={() => setModal(null)} />}
    </Page>
  );
}

function Details({ row, cluster }: { row: ContainerInstanceRow; cluster: string }) {
  const ci = row.instance;
  return (
    <Container title="Details">
      <KeyValueGrid
        columns={4}
        items={[
          { label: "Container instance ARN", value: <span className="break-all">{ci.containerInstanceArn}</span> },
          { label: "Cluster", value: <Link to={`/clusters/${encodeURIComponent(cluster)}/infrastructure`}>{cluster}</Link> },
          {
            label: "Status",
            value: (
              <span>
                <StatusBadge status={ci.status} />
                {ci.statusReason && <span className="block text-xs text-aws-muted">{ci.statusReason}</span>}
              </span>
            ),
          },
          {
            label: "Agent connected",
            value: ci.agentConnected ? (
              <StatusIndicator kind="success">true</StatusIndicator>
            ) : (
              <StatusIndicator kind="error">false</StatusIndicator>
            ),
          },
          { label: "EC2 instance ID", value: ci.ec2InstanceId ?? "-" },
          { label: "Instance type", value: instanceType(row) ?? "-" },
          { label: "Availability Zone", value: availabilityZone(row) ?? "-" },
          { label: "Address", value: <span className="font-mono">{loopbackAddress(row) ?? "-"}</span> },
          { label: "Auto Scaling group", value: row.asg?.autoScalingGroupName ?? "-" },
          { label: "Lifecycle state", value: row.asg?.lifecycleState ? <LifecycleState state={row.asg.lifecycleState} /> : (row.ec2?.state ?? "-") },
          { label: "Agent version", value: ci.versionInfo?.agentVersion ?? "-" },
          { label: "Docker version", value: ci.versionInfo?.dockerVersion ?? "-" },
          { label: "Running tasks", value: ci.runningTasksCount ?? 0 },
          { label: "Pending tasks", value: ci.pendingTasksCount ?? 0 },
          { label: "Registered at", value: formatDateTime(ci.registeredAt) },
        ]}
      />
    </Container>
  );
}

function Resources({ row }: { row: ContainerInstanceRow }) {
  const ci = row.instance;
  const cpu = resourceFigures(ci.registeredResources, ci.remainingResources, "CPU");
  const mem = resourceFigures(ci.registeredResources, ci.remainingResources, "MEMORY");
  const tcp = reservedPorts(ci.remainingResources, "PORTS");
  const udp = reservedPorts(ci.remainingResources, "PORTS_UDP");
  const items = [
    { id: "cpu", name: "CPU", registered: formatCpuUnits(cpu.registered), available: formatCpuUnits(cpu.available), used: formatCpuUnits(cpu.used) },
    { id: "memory", name: "Memory", registered: formatMiB(mem.registered), available: formatMiB(mem.available), used: formatMiB(mem.used) },
  ];
  return (
    <Container title="Resources" description="What the instance registered, what its tasks reserve, and what is left for new tasks.">
      <Table
        label="Resources"
        columns={[
          { id: "name", header: "Resource", cell: (r) => <b>{r.name}</b> },
          { id: "registered", header: "Registered", cell: (r) => r.registered, nowrap: true },
          { id: "used", header: "Reserved by tasks", cell: (r) => r.used, nowrap: true },
          { id: "available", header: "Available", cell: (r) => r.available, nowrap: true },
        ]}
        items={items}
        trackBy={(r) => r.id}
      />
      <div className="mt-3 text-sm">
        <b>Ports in use:</b> <span className="font-mono">{tcp.length ? tcp.join(", ") : "none"}</span>
        {udp.length > 0 && (
          <>
            {" "}
            · <b>UDP:</b> <span className="font-mono">{udp.join(", ")}</span>
          </>
        )}
      </div>
    </Container>
  );
}

function InstanceTasks({ cluster, arn }: { cluster: string; arn: string }) {
  const tasks = useInstanceTasks(cluster, arn);
  return (
    <Container title="Tasks" counter={tasks.data ? `(${tasks.data.length})` : undefined} description="Tasks placed on this container instance.">
      <TaskTable
        query={tasks}
        items={tasks.data ?? []}
        columns={TASK_COLUMNS.filter((c) => !["containerInstance", "launchType", "capacityProvider", "platformVersion"].includes(c.id))}
        empty={<EmptyState title="No tasks">No tasks run on this container instance.</EmptyState>}
      />
    </Container>
  );
}

function Attributes({ cluster, row, readOnly }: { cluster: string; row: ContainerInstanceRow; readOnly: boolean }) {
  const ci = row.instance;
  const flash = useFlash();
  const put = usePutAttribute(cluster, ci.containerInstanceArn);
  const remove = useDeleteAttribute(cluster, ci.containerInstanceArn);
  const { builtIn, custom } = splitAttributes(ci.attributes);
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const [editing, setEditing] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);

  const nameError = editing ? undefined : validateAttributeName(name.trim(), custom.map((a) => a.name));
  const valueError = validateAttributeValue(value);
  const full = !editing && custom.length >= MAX_CUSTOM_ATTRIBUTES;

  const reset = () => {
    setName("");
    setValue("");
    setEditing(null);
    setSubmitted(false);
    put.reset();
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (nameError || valueError || full) return;
    const attributeName = editing ?? name.trim();
    put.mutate(
      { name: attributeName, value },
      {
        onSuccess: () => {
          flash.push({ type: "success", header: `Attribute ${attributeName} ${editing ? "updated" : "added"}` });
          reset();
        },
      },
    );
  };

  const onRemove = (attributeName: string) => {
    setRemoving(attributeName);
    remove.mutate(attributeName, {
      onSuccess: () => flash.push({ type: "success", header: `Attribute ${attributeName} removed` }),
      onSettled: () => setRemoving(null),
    });
  };

  const capabilities = builtIn.filter((a) => isCapability(a));
  const described = builtIn.filter((a) => !isCapability(a));

  return (
    <Container
      title="Attributes"
      counter={`(${ci.attributes?.length ?? 0})`}
      description="Custom attributes let memberOf placement constraints and ListContainerInstances filters select this instance, e.g. attribute:stack == prod. Built-in attributes come from the agent and cannot be changed."
    >
      <Stack gap="gap-4">
        <h3 className="font-bold">Custom attributes ({custom.length})</h3>
        <Table
          label="Custom attributes"
          columns={[
            { id: "name", header: "Name", cell: (a) => <span className="font-mono text-[13px]">{a.name}</span>, nowrap: true },
            { id: "value", header: "Value", cell: (a) => <span className="font-mono text-[13px]">{a.value ?? "-"}</span> },
            {
              id: "actions",
              header: "Actions",
              cell: (a) =>
                readOnly ? (
                  <span className="text-aws-muted">Read-only</span>
                ) : (
                  <span className="flex gap-3">
                    <Button
                      variant="inline-link"
                      aria-label={`Edit attribute ${a.name}`}
                      onClick={() => {
                        setEditing(a.name);
                        setName(a.name);
                        setValue(a.value ?? "");
                        setSubmitted(false);
                      }}
                    >
                      Edit
                    </Button>
                    <Button
                      variant="inline-link"
                      aria-label={`Remove attribute ${a.name}`}
                      disabled={removing === a.name}
                      onClick={() => onRemove(a.name)}
                    >
                      Remove
                    </Button>
                  </span>
                ),
              nowrap: true,
            },
          ]}
          items={custom}
          trackBy={(a) => a.name}
          empty={<EmptyState title="No custom attributes">Add one below to target this instance with placement constraints.</EmptyState>}
        />
        {remove.error && (
          <Alert type="error" header="Failed to remove the attribute">
            {remove.error.message}
          </Alert>
        )}
        {!readOnly && (
          <form onSubmit={onSubmit} noValidate aria-label={editing ? `Edit attribute ${editing}` : "Add attribute"} className="flex flex-col gap-3">
            <h3 className="font-bold">{editing ? `Edit attribute ${editing}` : "Add custom attribute"}</h3>
            <div className="flex flex-wrap items-start gap-4">
              <FormField
                label="Attribute name"
                constraint="Up to 128 letters, numbers, hyphens, underscores, slashes or periods."
                error={submitted ? nameError : undefined}
              >
                {(p) => (
                  <Input
                    {...p}
                    className="w-72 font-mono"
                    value={name}
                    disabled={!!editing}
                    placeholder="stack"
                    autoComplete="off"
                    onChange={(v) => setName(v)}
                  />
                )}
              </FormField>
              <FormField
                label="Attribute value"
                info="- optional"
                constraint="Up to 128 characters: letters, numbers, spaces and - _ . @ / \ :"
                error={submitted ? valueError : undefined}
              >
                {(p) => (
                  <Input {...p} className="w-72 font-mono" value={value} placeholder="prod" autoComplete="off" onChange={(v) => setValue(v)} />
                )}
              </FormField>
              <div className="mt-6 flex gap-2">
                <Button type="submit" loading={put.isPending} disabled={full}>
                  {editing ? "Save" : "Add attribute"}
                </Button>
                {editing && (
                  <Button variant="link" onClick={reset}>
                    Cancel
                  </Button>
                )}
              </div>
            </div>
            <div className="text-xs text-aws-muted">
              {full
                ? `The instance has ${MAX_CUSTOM_ATTRIBUTES} custom attributes, the most it can have.`
                : `You can add ${MAX_CUSTOM_ATTRIBUTES - custom.length} more custom attributes.`}
            </div>
            {put.error && (
              <Alert type="error" header="Failed to save the attribute">
                {put.error.message}
              </Alert>
            )}
          </form>
        )}
        <h3 className="mt-2 font-bold">Built-in attributes ({described.length})</h3>
        <Table
          label="Built-in attributes"
          columns={[
            { id: "name", header: "Name", cell: (a: Attribute) => <span className="font-mono text-[13px]">{a.name}</span>, nowrap: true },
            { id: "value", header: "Value", cell: (a: Attribute) => <span className="font-mono text-[13px]">{a.value ?? "-"}</span> },
          ]}
          items={described}
          trackBy={(a) => a.name}
        />
        {capabilities.length > 0 && (
          <ExpandableSection title={`Capabilities (${capabilities.length})`} description="What the agent and Docker on the instance support.">
            <ul className="columns-1 font-mono text-[13px] md:columns-2" aria-label="Capabilities">
              {capabilities.map((a) => (
                <li key={a.name}>{a.name}</li>
              ))}
            </ul>
          </ExpandableSection>
        )}
      </Stack>
    </Container>
  );
}

