/**
 * The console's task placement templates, the strategy/constraints each most likely sends (the
 * reference's inference, §5.1), and the pure conversions behind the placement editor:
 * template ↔ value, which template a value is, checks of a custom list, and the API shape. Pure.
 */

export type PlacementStrategyType = "random" | "spread" | "binpack";
export type PlacementConstraintType = "distinctInstance" | "memberOf";

export interface PlacementStrategy {
  type: PlacementStrategyType;
  field?: string;
}

export interface PlacementConstraint {
  type: PlacementConstraintType;
  expression?: string;
}

/** What the placement editor edits: an ordered list of strategies and a list of constraints. */
export interface PlacementValue {
  strategies: PlacementStrategy[];
  constraints: PlacementConstraint[];
}

export type PlacementTemplateId = "az-balanced-spread" | "az-balanced-binpack" | "binpack" | "one-task-per-host";
/** A template, or "custom" for the user's own list. */
export type PlacementChoice = PlacementTemplateId | "custom";

export interface PlacementTemplate {
  id: PlacementTemplateId;
  label: string;
  description: string;
  placementStrategy?: PlacementStrategy[];
  placementConstraints?: PlacementConstraint[];
}

/** "You can enter a maximum of 5 strategies." (console); constraints: 10 per task. */
export const MAX_STRATEGIES = 5;
export const MAX_CONSTRAINTS = 10;
/** PlacementConstraint.expression: "a maximum length of 2000 characters". */
export const MAX_EXPRESSION_LENGTH = 2000;

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

export const CUSTOM_PLACEMENT = {
  id: "custom",
  label: "Custom",
  description: "Define your own task placement strategy.",
} as const;

/** Every choice the editor offers, in the console's order: the four templates, then Custom. */
export const PLACEMENT_TEMPLATE_OPTIONS: readonly { id: PlacementChoice; label: string; description: string }[] = [
  ...PLACEMENT_TEMPLATES.map(({ id, label, description }) => ({ id, label, description })),
  CUSTOM_PLACEMENT,
];

/** The console's default for the EC2 launch type (Run task and services): AZ Balanced Spread. */
export const DEFAULT_PLACEMENT_TEMPLATE: PlacementTemplateId = "az-balanced-spread";

export const STRATEGY_TYPES: readonly { value: PlacementStrategyType; label: string; description: string }[] = [
  { value: "random", label: "random", description: "Place tasks randomly." },
  { value: "spread", label: "spread", description: "Place tasks evenly based on the field's values." },
  { value: "binpack", label: "binpack", description: "Place tasks on the instances with the least available CPU or memory." },
];

export const CONSTRAINT_TYPES: readonly { value: PlacementConstraintType; label: string; description: string }[] = [
  { value: "distinctInstance", label: "distinctInstance", description: "Place each task on a different container instance." },
  { value: "memberOf", label: "memberOf", description: "Place tasks on container instances that satisfy an expression." },
];

/** The fields each strategy type offers (spread also takes any `attribute:<name>`). */
export const STRATEGY_FIELDS: Readonly<Record<PlacementStrategyType, readonly string[]>> = {
  random: [],
  spread: ["attribute:ecs.availability-zone", "instanceId", "host", "attribute:ecs.instance-type", "attribute:ecs.os-type"],
  binpack: ["memory", "cpu"],
};

/** The field a strategy row gets when its type changes to `type`. */
export function defaultField(type: PlacementStrategyType): string | undefined {
  return type === "random" ? undefined : STRATEGY_FIELDS[type][0];
}

const clone = (v: PlacementValue): PlacementValue => ({
  strategies: v.strategies.map((s) => ({ ...s })),
  constraints: v.constraints.map((c) => ({ ...c })),
});

export function findTemplate(id: PlacementChoice): PlacementTemplate | undefined {
  return PLACEMENT_TEMPLATES.find((t) => t.id === id);
}

/** The value a template stands for (a fresh copy). "custom" gives an empty list. */
export function templateValue(id: PlacementChoice): PlacementValue {
  const t = findTemplate(id);
  return clone({ strategies: t?.placementStrategy ?? [], constraints: t?.placementConstraints ?? [] });
}

export const DEFAULT_PLACEMENT: PlacementValue = templateValue(DEFAULT_PLACEMENT_TEMPLATE);

const normField = (s: PlacementStrategy) => {
  const f = (s.field ?? "").trim();
  return s.type === "binpack" ? f.toLowerCase() : f;
};
const sameStrategies = (a: readonly PlacementStrategy[], b: readonly PlacementStrategy[]) =>
  a.length === b.length && a.every((s, i) => s.type === b[i]!.type && normField(s) === normField(b[i]!));
const sameConstraints = (a: readonly PlacementConstraint[], b: readonly PlacementConstraint[]) =>
  a.length === b.length &&
  a.every((c, i) => c.type === b[i]!.type && (c.expression ?? "").trim() === (b[i]!.expression ?? "").trim());

/** The template a value is exactly (order matters for strategies), or "custom". */
export function detectTemplate(value: PlacementValue): PlacementChoice {
  const t = PLACEMENT_TEMPLATES.find(
    (t) => sameStrategies(value.strategies, t.placementStrategy ?? []) && sameConstraints(value.constraints, t.placementConstraints ?? []),
  );
  return t?.id ?? "custom";
}

/** The API's placementStrategy / placementConstraints: trimmed, no field for random, none when empty. */
export function toApiPlacement(value: PlacementValue): {
  placementStrategy?: PlacementStrategy[];
  placementConstraints?: PlacementConstraint[];
} {
  const placementStrategy = value.strategies.map((s) => {
    const field = normField(s);
    return s.type === "random" || !field ? { type: s.type } : { type: s.type, field };
  });
  const placementConstraints = value.constraints.map((c) =>
    c.type === "distinctInstance" ? { type: c.type } : { type: c.type, expression: (c.expression ?? "").trim() },
  );
  return {
    ...(placementStrategy.length ? { placementStrategy } : {}),
    ...(placementConstraints.length ? { placementConstraints } : {}),
  };
}

/** The editor's value from what the API returns (DescribeServices, a task definition...). */
export function fromApiPlacement(
  placementStrategy?: readonly PlacementStrategy[] | null,
  placementConstraints?: readonly PlacementConstraint[] | null,
): PlacementValue {
  return {
    strategies: (placementStrategy ?? []).map((s) => (s.field === undefined ? { type: s.type } : { type: s.type, field: s.field })),
    constraints: (placementConstraints ?? []).map((c) =>
      c.expression === undefined ? { type: c.type } : { type: c.type, expression: c.expression },
    ),
  };
}

/** `list` with item `from` moved to index `to` (clamped); the same items otherwise. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [item] = out.splice(from, 1);
  out.splice(target, 0, item!);
  return out;
}

/** What is wrong with one strategy row, as the server would say it, or undefined. */
export function strategyIssue(s: PlacementStrategy): string | undefined {
  const field = (s.field ?? "").trim();
  if (s.type === "random") return field ? "A random strategy takes no field." : undefined;
  if (!field) return s.type === "spread" ? "Enter a field: instanceId, host or attribute:<name>." : "Choose cpu or memory.";
  if (s.type === "binpack") return ["cpu", "memory"].includes(field.toLowerCase()) ? undefined : "binpack takes cpu or memory.";
  if (field === "instanceId" || field === "host") return undefined;
  if (field.startsWith("attribute:")) {
    return /^attribute:[A-Za-z0-9_\-./\\]{1,128}$/.test(field) ? undefined : "Enter an attribute name after attribute:.";
  }
  return "spread takes instanceId, host or attribute:<name>.";
}

/** What is wrong with one constraint row (syntax is the server's to check), or undefined. */
export function constraintIssue(c: PlacementConstraint): string | undefined {
  const expression = (c.expression ?? "").trim();
  if (c.type === "distinctInstance") return expression ? "distinctInstance takes no expression." : undefined;
  if (!expression) return "Enter an expression, e.g. attribute:ecs.instance-type =~ t2.*";
  if (expression.length > MAX_EXPRESSION_LENGTH) return `An expression can have at most ${MAX_EXPRESSION_LENGTH} characters.`;
  if (/^(["']).*\1$/.test(expression)) return "Enter the expression without quotes.";
  return undefined;
}

export interface PlacementIssues {
  strategies: (string | undefined)[];
  constraints: (string | undefined)[];
  /** An issue of the whole value (too many rows). */
  form?: string;
}

export function placementIssues(value: PlacementValue): PlacementIssues {
  const form =
    value.strategies.length > MAX_STRATEGIES
      ? `You can enter a maximum of ${MAX_STRATEGIES} strategies.`
      : value.constraints.length > MAX_CONSTRAINTS
        ? `You can enter a maximum of ${MAX_CONSTRAINTS} constraints.`
        : undefined;
  return {
    strategies: value.strategies.map(strategyIssue),
    constraints: value.constraints.map(constraintIssue),
    ...(form ? { form } : {}),
  };
}

export function hasPlacementIssues(issues: PlacementIssues): boolean {
  return !!issues.form || issues.strategies.some(Boolean) || issues.constraints.some(Boolean);
}

/** One line per rule, as the console's review shows them: "spread(attribute:ecs.availability-zone)". */
export function describePlacement(value: PlacementValue): string[] {
  return [
    ...value.strategies.map((s) => (s.type === "random" || !s.field ? `${s.type}` : `${s.type}(${s.field})`)),
    ...value.constraints.map((c) => (c.type === "memberOf" ? `memberOf(${c.expression ?? ""})` : c.type)),
  ];
}
