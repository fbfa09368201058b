import { useState } from "react";
import { useFlash } from "../../app/flash.tsx";
import { Alert } from "../../components/Alert.tsx";
import { Button } from "../../components/Button.tsx";
import { Checkbox, FormField, Input } from "../../components/FormField.tsx";
import { Modal } from "../../components/Modal.tsx";
import { useDeleteService } from "./mutations.ts";

const CONFIRMATION = "delete";

/**
 * **Delete service**: **Force delete service** deletes it even if it wasn't scaled down to zero tasks;
 * confirm by typing `delete`. The service drains (its tasks stop) and then becomes INACTIVE.
 */
export function DeleteServiceModal({
  cluster,
  service,
  desiredCount,
  onDismiss,
  onDeleted,
}: {
  cluster: string;
  service: string;
  desiredCount: number;
  onDismiss: () => void;
  onDeleted?: () => void;
}) {
  const [force, setForce] = useState(false);
  const [text, setText] = useState("");
  const del = useDeleteService();
  const flash = useFlash();

  const onDelete = () =>
    del.mutate(
      { cluster, service, force },
      {
        onSuccess: () => {
          flash.push({
            type: "success",
            header: `Service ${service} deleted successfully.`,
            content: "Its tasks are stopping. The service is Draining until they have stopped, then Inactive.",
            path: `/clusters/${encodeURIComponent(cluster)}/services`,
          });
          onDeleted?.();
          onDismiss();
        },
      },
    );

  return (
    <Modal
      title="Delete service"
      onDismiss={() => !del.isPending && onDismiss()}
      footer={
        <>
          <Button variant="link" onClick={onDismiss} disabled={del.isPending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={onDelete} disabled={text !== CONFIRMATION} loading={del.isPending}>
            Delete
          </Button>
        </>
      }
    >
      <p>
        Delete service <b>{service}</b>? Its tasks are stopped and the service can't be used again.
        {desiredCount > 0 && (
          <>
            {" "}
            It has <b>{desiredCount}</b> desired {desiredCount === 1 ? "task" : "tasks"}: without force, delete it only after
            you update its desired tasks to 0.
          </>
        )}
      </p>
      <Checkbox
        label="Force delete service"
        description="To delete a service even if it wasn't scaled down to zero tasks."
        checked={force}
        onChange={setForce}
      />
      <FormField label={<>To confirm deletion, type <i>{CONFIRMATION}</i> in the text input field.</>}>
        {(p) => <Input {...p} value={text} onChange={(v) => setText(v)} placeholder={CONFIRMATION} autoComplete="off" />}
      </FormField>
      {del.error && (
        <Alert type="error" header={`There was an error deleting service ${service}.`}>
          {del.error.message}
        </Alert>
      )}
    </Modal>
  );
}
