import { useState } from "react";
import { Alert } from "../../components/Alert.tsx";
import { Button, LinkButton } from "../../components/Button.tsx";
import { ButtonDropdown } from "../../components/ButtonDropdown.tsx";
import { Container } from "../../components/Container.tsx";
import { FilterInput, FormField, Input, Select } from "../../components/FormField.tsx";
import { Modal } from "../../components/Modal.tsx";
import { EmptyState } from "../../components/Table.tsx";
import { shortId, taskDefinitionRef } from "../../lib/format.ts";
import { useStopTasks } from "./mutations.ts";
import { useClusterTasks, type DesiredStatusFilter } from "./queries.ts";
import { TaskTable } from "./TaskTable.tsx";

const STOP_ALL_CONFIRMATION = "Stop all tasks";

export function TasksTab({ cluster }: { cluster: string }) {
  const [desired, setDesired] = useState<DesiredStatusFilter>("RUNNING");
  const [filter, setFilter] = useState("");
  const [launchType, setLaunchType] = useState("");
  const [selected, setSelected] = useState<string[]>([]);
  const [confirm, setConfirm] = useState<"selected" | "all" | null>(null);
  const [confirmText, setConfirmText] = useState("");
  const tasks = useClusterTasks(cluster, desired);
  const stop = useStopTasks(cluster);

  const all = tasks.data ?? [];
  const needle = filter.toLowerCase();
  const items = all.filter(
    (t) =>
      (!launchType || t.launchType === launchType) &&
      (!needle ||
        [shortId(t.taskArn), taskDefinitionRef(t.taskDefinitionArn), t.group ?? "", t.lastStatus, shortId(t.containerInstanceArn), t.capacityProviderName ?? ""]
          .join(" ")
          .toLowerCase()
          .includes(needle)),
  );
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
      <Container
        title="Tasks"
        counter={tasks.data ? `(${all.length})` : undefined}
        actions={
          <>
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
          </>
        }
        filter={
          <>
            <FilterInput label="Filter tasks" placeholder="Filter tasks" value={filter} onChange={setFilter} matches={items.length} />
            <label className="flex items-center gap-2">
              <span className="text-sm font-bold text-aws-label">Filter desired status</span>
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
              <span className="text-sm font-bold text-aws-label">Filter launch type</span>
              <Select className="w-44" value={launchType} onChange={(e) => setLaunchType(e.target.value)}>
                <option value="">Any launch type</option>
                <option value="FARGATE">FARGATE</option>
                <option value="EC2">EC2</option>
              </Select>
            </label>
          </>
        }
      >
        <TaskTable
          query={tasks}
          items={items}
          selection={{
            selectedIds: visibleSelected,
            onChange: setSelected,
            itemLabel: (t) => shortId(t.taskArn),
            isSelectable: (t) => t.desiredStatus !== "STOPPED",
          }}
          empty={
            filter || launchType ? (
              <EmptyState title="No matches">We can't find a match.</EmptyState>
            ) : (
              <EmptyState title="No tasks">No tasks to display.</EmptyState>
            )
          }
        />
      </Container>

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
              <Input {...p} value={confirmText} onChange={(e) => setConfirmText(e.target.value)} placeholder={STOP_ALL_CONFIRMATION} autoComplete="off" />
            )}
          </FormField>
          {stop.error && <Alert type="error">{stop.error.message}</Alert>}
        </Modal>
      )}
    </>
  );
}
