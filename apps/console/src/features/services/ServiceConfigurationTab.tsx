/** The service page's **Configuration and networking** tab. */
import { Stack } from "../../app/Page.tsx";
import { Container } from "../../components/Container.tsx";
import { KeyValueGrid } from "../../components/KeyValue.tsx";
import { EmptyState, Table } from "../../components/Table.tsx";
import { formatDateTime, splitTaskDefinitionRef } from "../../lib/format.ts";
import { detectTemplate, PLACEMENT_TEMPLATE_OPTIONS } from "../../lib/placement.ts";
import type { Service } from "../../api/services.ts";
import { useTaskDefinition } from "../task-definitions/queries.ts";
import { launchTypeOfService } from "../../lib/compute.ts";
import { publicIpText } from "../../lib/networking.ts";
import { TaskDefinitionLink } from "./ServiceCells.tsx";
import { computeItems } from "./ServiceCompute.tsx";
import { placementValuesOf } from "./service-form.ts";
import { circuitBreakerText, constraintText, revisionOf, serviceTypeText, strategyText } from "./service-format.ts";

function List({ items }: { items: string[] }) {
  if (items.length === 0) return <>-</>;
  return (
    <ul className="flex flex-col gap-0.5">
      {items.map((item, i) => (
        <li key={i} className="font-mono text-[13px]">
          {item}
        </li>
      ))}
    </ul>
  );
}

export function ServiceConfigurationTab({ service }: { service: Service }) {
  const config = service.deploymentConfiguration ?? {};
  const { family, revision } = splitTaskDefinitionRef(revisionOf(service.taskDefinition));
  const def = useTaskDefinition(family, revision, { live: false });
  const networkMode = def.data?.taskDefinition.networkMode ?? (def.data ? "bridge" : undefined);
  const placement = placementValuesOf(service.placementStrategy, service.placementConstraints);
  const template = PLACEMENT_TEMPLATE_OPTIONS.find((t) => t.id === detectTemplate(placement))?.label ?? "Custom";
  const tags = service.tags ?? [];
  const awsvpc = service.networkConfiguration?.awsvpcConfiguration;
  return (
    <Stack>
      <Container title="Service configuration">
        <KeyValueGrid
          columns={3}
          items={[
            { label: "Service type", value: `${service.schedulingStrategy ?? "REPLICA"} (${serviceTypeText(service.schedulingStrategy ?? "REPLICA")})` },
            ...computeItems(service),
            { label: "Task definition: revision", value: <TaskDefinitionLink arn={service.taskDefinition} /> },
            { label: "Desired tasks", value: service.schedulingStrategy === "DAEMON" ? "One per container instance" : service.desiredCount },
            {
              label: "Health check grace period",
              value: service.healthCheckGracePeriodSeconds !== undefined ? `${service.healthCheckGracePeriodSeconds} seconds` : "-",
            },
            { label: "Created by", value: <span className="break-all">{service.createdBy ?? "-"}</span> },
            { label: "Created at", value: formatDateTime(service.createdAt) },
            { label: "Amazon ECS managed tags", value: service.enableECSManagedTags ? "Turned on" : "Turned off" },
            { label: "Propagate tags from", value: service.propagateTags && service.propagateTags !== "NONE" ? service.propagateTags : "Do not propagate" },
          ]}
        />
      </Container>
      <Container title="Deployment configuration">
        <KeyValueGrid
          columns={3}
          items={[
            { label: "Deployment controller type", value: service.deploymentController?.type ?? "ECS" },
            { label: "Deployment strategy", value: "Rolling update" },
            { label: "Deployment circuit breaker", value: circuitBreakerText(config) },
            { label: "Min running tasks", value: config.minimumHealthyPercent !== undefined ? `${config.minimumHealthyPercent}%` : "-" },
            { label: "Max running tasks", value: config.maximumPercent !== undefined ? `${config.maximumPercent}%` : "-" },
          ]}
        />
      </Container>
      <Container title="Task placement">
        <KeyValueGrid
          columns={3}
          items={[
            { label: "Placement template", value: launchTypeOfService(service) === "FARGATE" ? "Not applicable (Fargate places the tasks)" : template },
            { label: "Placement strategy", value: <List items={(service.placementStrategy ?? []).map(strategyText)} /> },
            { label: "Placement constraints", value: <List items={(service.placementConstraints ?? []).map(constraintText)} /> },
          ]}
        />
      </Container>
      <Container title="Network configuration">
        <KeyValueGrid
          columns={3}
          items={[
            { label: "Network mode", value: networkMode ?? "-" },
            {
              label: "Subnets",
              value: awsvpc ? <List items={awsvpc.subnets} /> : "Not applicable (tasks use their container instance's network)",
            },
            { label: "Security groups", value: awsvpc ? <List items={awsvpc.securityGroups ?? []} /> : "Not applicable" },
            { label: "Public IP", value: awsvpc ? publicIpText(service.networkConfiguration) : "Not applicable" },
            { label: "Load balancers", value: (service.loadBalancers?.length ?? 0) > 0 ? `${service.loadBalancers!.length}` : "None" },
          ]}
        />
      </Container>
      <Container title="Tags" counter={`(${tags.length})`}>
        <Table
          label="Tags"
          columns={[
            { id: "key", header: "Key", cell: (t) => t.key },
            { id: "value", header: "Value", cell: (t) => t.value ?? "-" },
          ]}
          items={tags}
          trackBy={(t) => t.key}
          empty={<EmptyState title="No tags">No tags associated with the service.</EmptyState>}
        />
      </Container>
    </Stack>
  );
}
