/**
 * The confirmations behind the container instance **Actions**: Deregister (with force) and Terminate
 * instance (with "decrement desired capacity"), and the Auto Scaling group's size editor.
 */
import { useState } from "react";
import { useFlash } from "../../app/flash.tsx";
import { Alert } from "../../components/Alert.tsx";
import { Button } from "../../components/Button.tsx";
import { Checkbox, FormField, Input } from "../../components/FormField.tsx";
import { Modal } from "../../components/Modal.tsx";
import type { AutoScalingGroup } from "../../api/autoscaling.ts";
import { instancesNoun } from "../../lib/container-instances.ts";
import { shortId } from "../../lib/format.ts";
import { validateCapacity } from "../../lib/validation.ts";
import { FailureList } from "../tasks/FailureList.tsx";
import { useDeregisterInstances, useTerminateInstances, useUpdateAutoScalingGroup } from "./mutations.ts";
import type { ContainerInstanceRow } from "./queries.ts";

export function DeregisterModal({
  cluster,
  rows,
  onDismiss,
  onDone,
}: {
  cluster: string;
  rows: ContainerInstanceRow[];
  onDismiss: () => void;
  onDone?: () => void;
}) {
  const flash = useFlash();
  const deregister = useDeregisterInstances(cluster);
  const [force, setForce] = useState(false);
  const withTasks = rows.filter((r) => (r.instance.runningTasksCount ?? 0) + (r.instance.pendingTasksCount ?? 0) > 0);
  const needsForce = withTasks.length > 0;

  const onConfirm = () =>
    deregister.mutate(
      { containerInstances: rows.map((r) => r.instance.containerInstanceArn), force },
      {
        onSuccess: ({ done, failures }) => {
          if (done.length)
            flash.push({
              type: "success",
              header: `${instancesNoun(done.length)} deregistered`,
              content: done.map(shortId).join(", "),
            });
          if (failures.length === 0) {
            onDismiss();
            onDone?.();
          }
        },
      },
    );

  return (
    <Modal
      title={rows.length === 1 ? "Deregister container instance" : `Deregister ${rows.length} container instances`}
      onDismiss={onDismiss}
      footer={
        <>
          <Button variant="link" onClick={onDismiss}>
            Cancel
          </Button>
          <Button variant="primary" onClick={onConfirm} loading={deregister.isPending} disabled={needsForce && !force}>
            Deregister
          </Button>
        </>
      }
    >
      <p>
        Deregistering removes the container instance from the cluster: no more tasks are placed on it. Its EC2 instance keeps
        running; terminate it to remove it from its Auto Scaling group.
      </p>
      <ul className="list-disc pl-5" aria-label="Container instances to deregister">
        {rows.map((r) => (
          <li key={r.instance.containerInstanceArn}>
            <span className="font-mono">{shortId(r.instance.containerInstanceArn)}</span> ({r.instance.ec2InstanceId ?? "no EC2 instance"}) —{" "}
            {r.instance.runningTasksCount ?? 0} running, {r.instance.pendingTasksCount ?? 0} pending tasks
          </li>
        ))}
      </ul>
      {needsForce && (
        <Alert type="warning" header="Tasks are running on this capacity">
          {withTasks.length === 1 ? "One instance has" : `${withTasks.length} instances have`} tasks. Deregistering stops them (a
          service starts replacements elsewhere).
        </Alert>
      )}
      <Checkbox
        label="Force deregistration"
        description="Deregister even though tasks are running on the instance. Those tasks are stopped."
        checked={force}
        onChange={setForce}
      />
      <BatchOutcome mutation={deregister} partialHeader="Some container instances were not deregistered" errorHeader="Failed to deregister" />
    </Modal>
  );
}

export function TerminateModal({
  cluster,
  rows,
  onDismiss,
  onDone,
}: {
  cluster: string;
  rows: ContainerInstanceRow[];
  onDismiss: () => void;
  onDone?: () => void;
}) {
  const flash = useFlash();
  const terminate = useTerminateInstances(cluster);
  const [decrement, setDecrement] = useState(false);
  const ids = rows.map((r) => r.instance.ec2InstanceId).filter((id): id is string => !!id);

  const onConfirm = () =>
    terminate.mutate(
      { instanceIds: ids, decrement },
      {
        onSuccess: ({ activities, failures }) => {
          if (activities.length)
            flash.push({
              type: "success",
              header: `Terminating ${activities.length === 1 ? "1 instance" : `${activities.length} instances`}`,
              content: (
                <ul>
                  {activities.map((a) => (
                    <li key={a}>{a}</li>
                  ))}
                </ul>
              ),
            });
          if (failures.length === 0) {
            onDismiss();
            onDone?.();
          }
        },
      },
    );

  return (
    <Modal
      title={ids.length === 1 ? "Terminate instance" : `Terminate ${ids.length} instances`}
      onDismiss={onDismiss}
      footer={
        <>
          <Button variant="link" onClick={onDismiss}>
            Cancel
          </Button>
          <Button variant="primary" onClick={onConfirm} loading={terminate.isPending} disabled={ids.length === 0}>
            Terminate
          </Button>
        </>
      }
    >
      <p>
        The EC2 {ids.length === 1 ? "instance is" : "instances are"} terminated through {ids.length === 1 ? "its" : "their"} Auto
        Scaling group. Tasks on {ids.length === 1 ? "it" : "them"} stop with the instance.
      </p>
      <ul className="list-disc pl-5" aria-label="Instances to terminate">
        {rows.map((r) => (
          <li key={r.instance.containerInstanceArn}>
            <span className="font-mono">{r.instance.ec2InstanceId}</span> in {r.asg?.autoScalingGroupName ?? "-"} —{" "}
            {r.instance.runningTasksCount ?? 0} running tasks
          </li>
        ))}
      </ul>
      <Checkbox
        label="Decrement desired capacity"
        description="Lower the group's desired capacity by one for each instance. Otherwise Auto Scaling launches a replacement."
        checked={decrement}
        onChange={setDecrement}
      />
      <BatchOutcome mutation={terminate} partialHeader="Some instances were not terminated" errorHeader="Failed to terminate" />
    </Modal>
  );
}

/** **Edit** an Auto Scaling group: desired capacity, minimum and maximum (UpdateAutoScalingGroup). */
export function AutoScalingGroupModal({
  cluster,
  group,
  capacityProvider,
  onDismiss,
}: {
  cluster: string;
  group: AutoScalingGroup;
  capacityProvider?: string;
  onDismiss: () => void;
}) {
  const flash = useFlash();
  const update = useUpdateAutoScalingGroup(cluster);
  const [desired, setDesired] = useState(String(group.desiredCapacity));
  const [min, setMin] = useState(String(group.minSize));
  const [max, setMax] = useState(String(group.maxSize));
  const [submitted, setSubmitted] = useState(false);
  const errors = validateCapacity(min, max, desired);
  const valid = !errors.min && !errors.max && !errors.desired;

  const onSubmit = () => {
    setSubmitted(true);
    if (!valid) return;
    update.mutate(
      { name: group.name, minSize: Number(min), maxSize: Number(max), desiredCapacity: Number(desired) },
      {
        onSuccess: () => {
          flash.push({
            type: "success",
            header: `Auto Scaling group ${group.name} updated`,
            content: `Desired capacity ${desired} (minimum ${min}, maximum ${max}).`,
          });
          onDismiss();
        },
      },
    );
  };
  const onKey = (key: string) => key === "Enter" && onSubmit();

  return (
    <Modal
      title="Edit Auto Scaling group"
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
        Auto Scaling group <b>{group.name}</b>
        {capacityProvider ? (
          <>
            {" "}
            of capacity provider <b>{capacityProvider}</b>
          </>
        ) : null}
        . The group launches or terminates instances until it runs the desired capacity.
      </p>
      <FormField
        label="Desired capacity"
        constraint="Between the minimum and the maximum."
        error={submitted ? errors.desired : undefined}
      >
        {(p) => <Input {...p} className="w-40" type="number" min={0} value={desired} onChange={(v) => setDesired(v)} onKeyDown={onKey} />}
      </FormField>
      <div className="flex flex-wrap gap-4">
        <FormField label="Minimum capacity" error={submitted ? errors.min : undefined}>
          {(p) => <Input {...p} className="w-40" type="number" min={0} value={min} onChange={(v) => setMin(v)} onKeyDown={onKey} />}
        </FormField>
        <FormField label="Maximum capacity" error={submitted ? errors.max : undefined}>
          {(p) => <Input {...p} className="w-40" type="number" min={0} value={max} onChange={(v) => setMax(v)} onKeyDown={onKey} />}
        </FormField>
      </div>
      {update.error && (
        <Alert type="error" header="Failed to update the Auto Scaling group">
          {update.error.message}
        </Alert>
      )}
    </Modal>
  );
}

/** A batch action's per-item failures and its error, under the dialog's fields. */
function BatchOutcome({
  mutation,
  partialHeader,
  errorHeader,
}: {
  mutation: { data?: { failures: Parameters<typeof FailureList>[0]["failures"] }; error: Error | null };
  partialHeader: string;
  errorHeader: string;
}) {
  return (
    <>
      {mutation.data && mutation.data.failures.length > 0 && (
        <Alert type="error" header={partialHeader}>
          <FailureList failures={mutation.data.failures} />
        </Alert>
      )}
      {mutation.error && (
        <Alert type="error" header={errorHeader}>
          {mutation.error.message}
        </Alert>
      )}
    </>
  );
}
