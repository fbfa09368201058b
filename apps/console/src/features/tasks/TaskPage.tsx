import type { Container as TaskContainer, Task } from "@stevedore/shared";
import { useState } from "react";
import { useParams } from "react-router";
import { Link } from "../../components/Link.tsx";
import { Page, Stack } from "../../app/Page.tsx";
import { Alert } from "../../components/Alert.tsx";
import { LoadState } from "../../components/LoadState.tsx";
import { Button } from "../../components/Button.tsx";
import { Container } from "../../components/Container.tsx";
import Icon from "@cloudscape-design/components/icon";
import { KeyValueGrid } from "../../components/KeyValue.tsx";
import { Modal } from "../../components/Modal.tsx";
import { StatusBadge } from "../../components/StatusIndicator.tsx";
import { Table, type Column } from "../../components/Table.tsx";
import { RouteTabs } from "../../components/Tabs.tsx";
import {
  bindingUrl,
  essentialText,
  formatDateTime,
  formatNetworkBinding,
  formatTaskCpu,
  formatTaskMemory,
  shortId,
  splitTaskDefinitionRef,
  taskDefinitionRef,
} from "../../lib/format.ts";
import { useTaskDefinition } from "../task-definitions/queries.ts";
import { useStopTasks } from "./mutations.ts";
import { useTask } from "./queries.ts";
import { TaskLogsTab } from "./TaskLogsTab.tsx";
import { TaskNetworking } from "./TaskNetworking.tsx";

function NetworkBindings({ container }: { container: TaskContainer }) {
  const bindings = container.networkBindings ?? [];
  if (bindings.length === 0) return <>-</>;
  return (
    <ul className="flex flex-col gap-1">
      {bindings.map((b, i) => (
        <li key={i} className="whitespace-nowrap">
          <span className="font-mono text-[13px]">{formatNetworkBinding(b)}</span>{" "}
          <a
            href={bindingUrl(b)}
            target="_blank"
            rel="noreferrer"
            aria-label={`Open address ${b.bindIP}:${b.hostPort}`}
            className="inline-flex items-center gap-1"
          >
            Open address <Icon name="external" />
          </a>
        </li>
      ))}
    </ul>
  );
}

function Configuration({ task, cluster }: { task: Task; cluster: string }) {
  const ref = taskDefinitionRef(task.taskDefinitionArn);
  const { family, revision } = splitTaskDefinitionRef(ref);
  const stopped = task.lastStatus === "STOPPED" || task.desiredStatus === "STOPPED";
  const items = [
    { label: "Task ID", value: shortId(task.taskArn) },
    { label: "ARN", value: <span className="break-all">{task.taskArn}</span> },
    { label: "Last status", value: <StatusBadge status={task.lastStatus} /> },
    { label: "Desired status", value: <StatusBadge status={task.desiredStatus} /> },
    { label: "Created at", value: formatDateTime(task.createdAt) },
    { label: "Started at", value: formatDateTime(task.startedAt) },
    ...(stopped
      ? [
          { label: "Stopped at", value: formatDateTime(task.stoppedAt) },
          { label: "Stopped reason", value: task.stoppedReason ?? "-" },
          { label: "Stop code", value: task.stopCode ?? "-" },
        ]
      : []),
    {
      label: "Task definition: revision",
      value: <Link to={`/task-definitions/${encodeURIComponent(family)}/${revision}/containers`}>{ref}</Link>,
    },
    {
      label: "Container instance",
      value: task.containerInstanceArn ? (
        <Link to={`/clusters/${encodeURIComponent(cluster)}/infrastructure`}>{shortId(task.containerInstanceArn)}</Link>
      ) : (
        "-"
      ),
    },
    { label: "Launch type", value: task.launchType ?? "-" },
    { label: "Capacity provider", value: task.capacityProviderName ?? "-" },
    { label: "Platform version", value: task.platformVersion ?? "-" },
    { label: "Availability Zone", value: task.availabilityZone ?? "-" },
    { label: "Group", value: task.group ?? "-" },
    { label: "Started by", value: task.startedBy ?? "-" },
    { label: "CPU", value: formatTaskCpu(task.cpu) },
    { label: "Memory", value: formatTaskMemory(task.memory) },
    { label: "Health status", value: <StatusBadge status={task.healthStatus ?? "UNKNOWN"} /> },
  ];
  return (
    <Container title="Task overview">
      <KeyValueGrid columns={3} items={items} />
    </Container>
  );
}

function Containers({ task }: { task: Task }) {
  const { family, revision } = splitTaskDefinitionRef(taskDefinitionRef(task.taskDefinitionArn));
  const definition = useTaskDefinition(family, revision);
  const essential = (name: string) =>
    essentialText(definition.data?.taskDefinition.containerDefinitions.find((c) => c.name === name)?.essential);
  const columns: Column<TaskContainer>[] = [
    { id: "name", header: "Container name", cell: (c) => c.name, nowrap: true },
    { id: "image", header: "Image URI", cell: (c) => <span className="break-all">{c.image}</span> },
    { id: "status", header: "Status", cell: (c) => <StatusBadge status={c.lastStatus} />, nowrap: true },
    { id: "essential", header: "Essential container", cell: (c) => (definition.data ? essential(c.name) : "-") },
    { id: "exitCode", header: "Exit code", cell: (c) => (c.exitCode ?? "-") },
    { id: "reason", header: "Reason", cell: (c) => c.reason || "-" },
    { id: "bindings", header: "Network bindings", cell: (c) => <NetworkBindings container={c} /> },
    { id: "health", header: "Health status", cell: (c) => <StatusBadge status={c.healthStatus ?? "UNKNOWN"} /> },
  ];
  return (
    <Container title="Containers" counter={`(${task.containers.length})`}>
      <Table label="Containers" columns={columns} items={task.containers} trackBy={(c) => c.containerArn || c.name} />
    </Container>
  );
}

export function TaskPage({ tab = "configuration" }: { tab?: "configuration" | "logs" }) {
  const { cluster = "", taskId = "" } = useParams();
  const task = useTask(cluster, taskId);
  const stop = useStopTasks(cluster);
  const [confirming, setConfirming] = useState(false);
  const clusterPath = `/clusters/${encodeURIComponent(cluster)}`;
  const t = task.data;

  return (
    <Page
      breadcrumbs={[
        { text: "Clusters", href: "/clusters" },
        { text: cluster, href: `${clusterPath}/services` },
        { text: "Tasks", href: `${clusterPath}/tasks` },
        { text: taskId },
      ]}
      title={`Task : ${taskId}`}
      actions={
        <Button onClick={() => setConfirming(true)} disabled={!t || t.desiredStatus === "STOPPED"}>
          Stop
        </Button>
      }
    >
      <LoadState
        what="task"
        query={task}
        missing={task.data === null}
        notFound={`Task ${taskId} was not found in cluster ${cluster}. Stopped tasks are kept for a limited time.`}
      />
      {t && (
        <RouteTabs
          label="Task"
          activeId={tab}
          tabs={[
            { id: "configuration", label: "Configuration", href: `${clusterPath}/tasks/${taskId}/configuration` },
            { id: "logs", label: "Logs", href: `${clusterPath}/tasks/${taskId}/logs` },
          ]}
        >
          {tab === "logs" ? (
            <TaskLogsTab task={t} cluster={cluster} />
          ) : (
            <Stack>
              <Configuration task={t} cluster={cluster} />
              <TaskNetworking task={t} />
              <Containers task={t} />
            </Stack>
          )}
        </RouteTabs>
      )}
      {confirming && (
        <Modal
          title="Stop task"
          onDismiss={() => setConfirming(false)}
          footer={
            <>
              <Button variant="link" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
              <Button
                variant="primary"
                loading={stop.isPending}
                onClick={() => stop.mutate({ tasks: [t?.taskArn ?? taskId] }, { onSuccess: () => setConfirming(false) })}
              >
                Stop
              </Button>
            </>
          }
        >
          <p>
            Stop task <b>{taskId}</b>? Its containers get SIGTERM, then SIGKILL after the stop timeout.
          </p>
          {stop.error && <Alert type="error">{stop.error.message}</Alert>}
        </Modal>
      )}
    </Page>
  );
}
