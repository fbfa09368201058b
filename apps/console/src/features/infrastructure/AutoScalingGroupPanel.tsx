/** One Auto Scaling group capacity provider's **Details**: sizes (editable), its instances, its scaling activities. */
import { useState } from "react";
import { LoadError } from "../../components/Alert.tsx";
import { Button } from "../../components/Button.tsx";
import { Container } from "../../components/Container.tsx";
import { KeyValueGrid } from "../../components/KeyValue.tsx";
import { StatusIndicator } from "../../components/StatusIndicator.tsx";
import { EmptyState, Table } from "../../components/Table.tsx";
import type { AsgInstance, ScalingActivity } from "../../api/autoscaling.ts";
import { activityStatusKind } from "../../lib/container-instances.ts";
import { formatDateTime, statusKind } from "../../lib/format.ts";
import { useScalingActivities, type CapacityProviderRow } from "./queries.ts";

const SHOWN_ACTIVITIES = 8;

export function AutoScalingGroupPanel({ cluster, row, onEdit }: { cluster: string; row: CapacityProviderRow; onEdit: () => void }) {
  const asg = row.asg!;
  const activities = useScalingActivities(cluster, asg.name);
  const [allActivities, setAllActivities] = useState(false);
  const list = activities.data ?? [];
  const shown = allActivities ? list : list.slice(0, SHOWN_ACTIVITIES);
  const inService = asg.instances.filter((i) => i.lifecycleState === "InService").length;

  return (
    <Container
      title={`Auto Scaling group: ${asg.name}`}
      description={`Capacity provider ${row.name}. The group keeps its desired capacity of EC2 instances running; each registers as a container instance.`}
      actions={
        <Button onClick={onEdit} aria-label={`Edit Auto Scaling group ${asg.name}`}>
          Edit
        </Button>
      }
    >
      <div className="flex flex-col gap-5">
        <KeyValueGrid
          columns={4}
          items={[
            { label: "Desired capacity", value: asg.desiredCapacity },
            { label: "Minimum capacity", value: asg.minSize },
            { label: "Maximum capacity", value: asg.maxSize },
            { label: "Instances in service", value: `${inService} of ${asg.instances.length}` },
            { label: "Availability Zones", value: asg.availabilityZones.join(", ") || "-" },
            { label: "Launch configuration", value: asg.launchConfigurationName ?? "-" },
            { label: "Status", value: asg.status ?? "Active" },
            { label: "Created", value: formatDateTime(asg.createdTime) },
          ]}
        />

        <div>
          <h3 className="mb-1 font-bold">Instances ({asg.instances.length})</h3>
          <Table<AsgInstance>
            label={`Instances of ${asg.name}`}
            columns={[
              { id: "id", header: "Instance ID", cell: (i) => <span className="font-mono text-[13px]">{i.instanceId}</span>, nowrap: true },
              { id: "type", header: "Instance type", cell: (i) => i.instanceType ?? "-", nowrap: true },
              { id: "az", header: "Availability Zone", cell: (i) => i.availabilityZone ?? "-", nowrap: true },
              { id: "state", header: "Lifecycle", cell: (i) => <LifecycleState state={i.lifecycleState} />, nowrap: true },
              { id: "health", header: "Health status", cell: (i) => i.healthStatus ?? "-", nowrap: true },
            ]}
            items={asg.instances}
            trackBy={(i) => i.instanceId}
            empty={<EmptyState title="No instances">The group runs no instances.</EmptyState>}
          />
        </div>

        <div>
          <div className="mb-1 flex items-center justify-between gap-3">
            <h3 className="font-bold">Activity history{activities.data ? ` (${list.length})` : ""}</h3>
            {list.length > SHOWN_ACTIVITIES && (
              <Button variant="inline-link" onClick={() => setAllActivities((a) => !a)} aria-expanded={allActivities}>
                {allActivities ? "Show fewer" : `Show all ${list.length}`}
              </Button>
            )}
          </div>
          <LoadError error={activities.error} header="Failed to load scaling activities" />
          <Table<ScalingActivity>
            label={`Scaling activities of ${asg.name}`}
            columns={[
              {
                id: "status",
                header: "Status",
                cell: (a) => <StatusIndicator kind={activityStatusKind(a.statusCode)}>{a.statusCode ?? "InProgress"}</StatusIndicator>,
                nowrap: true,
              },
              { id: "description", header: "Description", cell: (a) => a.description ?? "-" },
              { id: "cause", header: "Cause", cell: (a) => <span className="text-sm">{a.cause ?? "-"}</span> },
              { id: "start", header: "Start time", cell: (a) => formatDateTime(a.startTime), nowrap: true },
              { id: "end", header: "End time", cell: (a) => (a.endTime ? formatDateTime(a.endTime) : "-"), nowrap: true },
            ]}
            items={shown}
            trackBy={(a) => a.activityId}
            loading={activities.isPending}
            loadingText="Loading scaling activities"
            empty={<EmptyState title="No activities">No scaling activities yet.</EmptyState>}
          />
        </div>
      </div>
    </Container>
  );
}

/** An Auto Scaling lifecycle state as AWS spells it (InService, Pending, Terminating...). */
export function LifecycleState({ state }: { state: string | undefined }) {
  if (!state) return <>-</>;
  return <StatusIndicator kind={statusKind(state)}>{state}</StatusIndicator>;
}
