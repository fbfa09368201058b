/**
 * **Task placement** of the service forms: the shared placement editor (templates AZ Balanced Spread,
 * AZ Balanced BinPack, BinPack, One Task Per Host, or Custom rules), with the service's own checks.
 */
import { Alert } from "../../components/Alert.tsx";
import { Container } from "../../components/Container.tsx";
import { useFieldError } from "../../components/Fields.tsx";
import { PlacementEditor } from "../../components/PlacementEditor.tsx";
import type { PlacementValue } from "../../lib/placement.ts";
import type { SchedulingStrategy } from "../../api/services.ts";

export function ServicePlacement({
  value,
  onChange,
  serviceType,
  cluster,
  showErrors,
  fargate,
}: {
  value: PlacementValue;
  onChange: (value: PlacementValue) => void;
  serviceType: SchedulingStrategy;
  cluster?: string;
  showErrors?: boolean;
  /** Fargate places tasks itself: the section only says so. */
  fargate?: boolean;
}) {
  const error = useFieldError("placement");
  if (fargate) return <FargatePlacementNotice title="Task placement" />;
  return (
    <Container
      title="Task placement"
      description={
        serviceType === "DAEMON"
          ? "A daemon service places one task on each container instance: only constraints apply (One Task Per Host, or Custom constraints)."
          : "Choose how tasks are placed on your cluster's container instances."
      }
    >
      <div className="flex flex-col gap-3">
        {error && (
          <Alert type="error" header="Task placement">
            {error}
          </Alert>
        )}
        <PlacementEditor value={value} onChange={onChange} cluster={cluster || undefined} showErrors={showErrors} />
      </div>
    </Container>
  );
}

/** Task placement for Fargate: not applicable, as ECS says when a request has any. */
export function FargatePlacementNotice({ title }: { title: string }) {
  return (
    <Container title={title}>
      <p className="text-aws-muted">
        Not applicable: placement strategies and constraints are not supported with the FARGATE launch type. Fargate spreads tasks across the
        Availability Zones of the chosen subnets.
      </p>
    </Container>
  );
}
