import { useState } from "react";
import { useNavigate } from "react-router";
import { useFlash } from "../../app/flash.tsx";
import { Alert } from "../../components/Alert.tsx";
import { Button } from "../../components/Button.tsx";
import { FormField, Input } from "../../components/FormField.tsx";
import { Modal } from "../../components/Modal.tsx";
import { useDeleteCluster } from "./use-delete-cluster.ts";

/** **Delete cluster**: confirm by typing `delete <name>`; deletes the cluster's Auto Scaling groups too. */
export function DeleteClusterModal({ cluster, onDismiss }: { cluster: string; onDismiss: () => void }) {
  const [text, setText] = useState("");
  const [step, setStep] = useState<string | null>(null);
  const navigate = useNavigate();
  const flash = useFlash();
  const del = useDeleteCluster(setStep);
  const confirmation = `delete ${cluster}`;

  const onDelete = () =>
    del.mutate(cluster, {
      onSuccess: () => {
        flash.push({ type: "success", header: `Cluster ${cluster} has been deleted successfully.`, path: "/clusters" });
        navigate("/clusters");
      },
      onSettled: () => setStep(null),
    });

  return (
    <Modal
      title="Delete cluster"
      onDismiss={() => !del.isPending && onDismiss()}
      footer={
        <>
          <Button variant="link" onClick={onDismiss} disabled={del.isPending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={onDelete} disabled={text !== confirmation} loading={del.isPending}>
            Delete
          </Button>
        </>
      }
    >
      <p>
        Delete cluster <b>{cluster}</b>? The Auto Scaling groups of its capacity providers are deleted as well, and
        their EC2 instances are terminated. Deleting a cluster can't be undone.
      </p>
      <FormField label={`To confirm this deletion, type "${confirmation}".`}>
        {(p) => (
          <Input {...p} value={text} onChange={(v) => setText(v)} placeholder={confirmation} autoComplete="off" />
        )}
      </FormField>
      {del.isPending && <Alert type="in-progress" header="Deleting cluster">{step ? `${step}…` : "Starting…"}</Alert>}
      {del.error && (
        <Alert type="error" header={`There was an error deleting cluster ${cluster}.`}>
          {del.error.message}
        </Alert>
      )}
    </Modal>
  );
}
