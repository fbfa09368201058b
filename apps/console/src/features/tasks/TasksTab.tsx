import { useState } from "react";
import { Alert } from "../../components/Alert.tsx";
import { Button, LinkButton } from "../../components/Button.tsx";
import { ButtonDropdown } from "../../components/ButtonDropdown.tsx";
import Box from "@cloudscape-design/components/box";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { FormField, Input, Select } from "../../components/FormField.tsx";
import { Modal } from "../../components/Modal.tsx";
import { EmptyState } from "../../components/Table.tsx";
import { shortId } from "../../lib/format.ts";
import { useStopTasks } from "./mutations.ts";
import { useClusterTaskPages, type DesiredStatusFilter } from "./queries.ts";
import { TaskTable } from "./TaskTable.tsx";

const STOP_ALL_CONFIRMATION = "Stop all tasks";

export function TasksTab({ cluster }: { cluster: string }) {
  const [desired, setDesired] = useState<DesiredStatusFilter>("RUNNING");
  const [launchType, setLaunchType] = useState("");
  const [selected, setSelected] = useState<string[]>([]);
  const [confirm, setConfirm] = useState<"selected" | "all" | null>(null);
  const [confirmText, setConfirmText] = useState("");
  const tasks = useClusterTaskPages(cluster, desired);
  const stop = useStopTasks(cluster);

  const all = tasks.items;
  const items = launchType ? all.filter((t) => t.launchType === launchType) : all;
  // Selection only keeps tasks still listed.
  const visibleSelected = selected.filter((arn) => all.some((t) => t.taskArn === arn && t.desiredStatus !== "STOPPED"));

  const closeModal = () => {
    setConfirm(null);
    setConfirmText("");
    stop.reset();
  };
  const onStop = () => {
    stop.mutate(confirm === "all" ? { all: true } : { tasks: visibleSelected }, {
      onSuccess: () => {
        setSelected([]);
        setConfirm(null);
        setConfirmText("");
      },
    });
  };

  return (
    <>
      <TaskTable
        query={tasks}
        items={items}
        more={tasks.more}
        header={
          <Header
            counter={tasks.loaded ? `(${items.length}${tasks.more.hasMore ? "+" : ""})` : undefined}
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <ButtonDropdown
                  label="Stop"
                  items={[
                    { id: "selected", text: "Stop selected", disabled: visibleSelected.length === 0, onSelect: () => setConfirm("selected") },
                    { id: "all", text: "Stop all", onSelect: () => setConfirm("all") },
                  ]}
                />
                <LinkButton variant="primary" to={`/clusters/${encodeURIComponent(cluster)}/run-task`}>
                  Run new task
                </LinkButton>
              </SpaceBetween>
            }
          >
            Tasks
          </Header>
        }
        filterLabel="Filter tasks"
        filters={
          <>
            <label className="flex items-center gap-2">
              <Box variant="awsui-key-label">Filter desired status</Box>
              <Select
                className="w-52"
                value={desired}
                onChange={(e) => {
                  setDesired(e.target.value as DesiredStatusFilter);
                  setSelected([]);
                }}
              >
                <option value="RUNNING">Running</option>
                <option value="STOPPED">Stopped</option>
                <option value="ANY">Any desired status</option>
              </Select>
            </label>
            <label className="flex items-center gap-2">
              <Box variant="awsui-key-label">Filter launch type</Box>
              <Select className="w-44" value={launchType} onChange={(e) => setLaunchType(e.target.value)}>
                <option value="">Any launch type</option>
                <option value="FARGATE">FARGATE</option>
                <option value="EC2">EC2</option>
              </Select>
            </label>
          </>
        }
        selection={{
          selectedIds: visibleSelected,
          onChange: setSelected,
          itemLabel: (t) => shortId(t.taskArn),
          isSelectable: (t) => t.desiredStatus !== "STOPPED",
        }}
        empty={launchType ? <EmptyState title="No matches">We can't find a match.</EmptyState> : <EmptyState title="No tasks">No tasks to display.</EmptyState>}
      />

      {confirm === "selected" && (
        <Modal
          title="Stop task"
          onDismiss={closeModal}
          footer={
            <>
              <Button variant="link" onClick={closeModal}>
                Cancel
              </Button>
              <Button variant="primary" onClick={onStop} loading={stop.isPending}>
                Stop
              </Button>
            </>
          }
        >
          <p>
            Stop {visibleSelected.length === 1 ? "task" : `${visibleSelected.length} tasks`}{" "}
            <b>{visibleSelected.map(shortId).join(", ")}</b>? Stopped tasks remain visible for a while with the Stopped
            desired status filter.
          </p>
          {stop.error && <Alert type="error">{stop.error.message}</Alert>}
        </Modal>
      )}
      {confirm === "all" && (
        <Modal
          title="Stop all tasks"
          onDismiss={closeModal}
          footer={
            <>
              <Button variant="link" onClick={closeModal}>
                Cancel
              </Button>
              <Button
                variant="primary"
                onClick={onStop}
                loading={stop.isPending}
                disabled={confirmText !== STOP_ALL_CONFIRMATION}
              >
                Stop
              </Button>
            </>
          }
        >
          <p>
            Stop every running task in cluster <b>{cluster}</b>, including tasks that belong to services.
          </p>
          <FormField label={`To confirm, type "${STOP_ALL_CONFIRMATION}" in the field.`}>
            {(p) => (
              <Input {...p} value={confirmText} onChange={(v) => setConfirmText(v)} placeholder={STOP_ALL_CONFIRMATION} autoComplete="off" />
            )}
          </FormField>
          {stop.error && <Alert type="error">{stop.error.message}</Alert>}
        </Modal>
      )}
    </>
  );
}
