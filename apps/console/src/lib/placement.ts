/**
 * The console's task placement templates and the strategy/constraints each most likely sends
 * (the reference's inference, §5.1). Pure data.
 */
export type PlacementTemplateId = "az-balanced-spread" | "az-balanced-binpack" | "binpack" | "one-task-per-host";

export interface PlacementTemplate {
  id: PlacementTemplateId;
  label: string;
  description: string;
  placementStrategy?: { type: "spread" | "binpack" | "random"; field?: string }[];
  placementConstraints?: { type: "distinctInstance" | "memberOf"; expression?: string }[];
}

export const PLACEMENT_TEMPLATES: readonly PlacementTemplate[] = [
  {
    id: "az-balanced-spread",
    label: "AZ Balanced Spread",
    description: "Distribute tasks across Availability Zones and across container instances in the Availability Zone.",
    placementStrategy: [
      { type: "spread", field: "attribute:ecs.availability-zone" },
      { type: "spread", field: "instanceId" },
    ],
  },
  {
    id: "az-balanced-binpack",
    label: "AZ Balanced BinPack",
    description: "Distribute tasks across Availability Zones and across container instances with the least available memory.",
    placementStrategy: [
      { type: "spread", field: "attribute:ecs.availability-zone" },
      { type: "binpack", field: "memory" },
    ],
  },
  {
    id: "binpack",
    label: "BinPack",
    description: "Distribute tasks based on the least available amount of CPU or memory.",
    placementStrategy: [{ type: "binpack", field: "memory" }],
  },
  {
    id: "one-task-per-host",
    label: "One Task Per Host",
    description: "Place, at most, one task from the service on each container instance.",
    placementConstraints: [{ type: "distinctInstance" }],
  },
];
