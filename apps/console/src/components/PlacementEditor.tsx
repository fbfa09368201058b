/**
 * **Task Placement**: the console's templates (AZ Balanced Spread, AZ Balanced BinPack, BinPack, One Task
 * Per Host) and **Custom**, an ordered list of strategies (Type + Field, at most 5) and constraints (Type +
 * Expression, at most 10). memberOf expressions are checked as they are typed with ListContainerInstances
 * `filter` on `cluster`: the server's message shows inline, or the instances the expression matches now.
 *
 * Controlled: `value` is { strategies, constraints }; `onChange` gets a new value. Used by Run task and the
 * service pages.
 */
import type { ContainerInstance } from "@stevedore/shared";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { Link } from "./Link.tsx";
import { describeContainerInstances, listContainerInstances } from "../api/ecs.ts";
import { queryKeys } from "../api/query-keys.ts";
import { shortId } from "../lib/format.ts";
import { patchAt, removeAt } from "../lib/lists.ts";
import {
  CONSTRAINT_TYPES,
  constraintIssue,
  defaultField,
  describePlacement,
  detectTemplate,
  MAX_CONSTRAINTS,
  MAX_STRATEGIES,
  moveItem,
  PLACEMENT_TEMPLATE_OPTIONS,
  STRATEGY_FIELDS,
  STRATEGY_TYPES,
  strategyIssue,
  templateValue,
  type PlacementChoice,
  type PlacementConstraint,
  type PlacementConstraintType,
  type PlacementStrategy,
  type PlacementStrategyType,
  type PlacementValue,
} from "../lib/placement.ts";
import { Button } from "./Button.tsx";
import Spinner from "@cloudscape-design/components/spinner";
import Icon from "@cloudscape-design/components/icon";
import { Input, Select } from "./FormField.tsx";

export {
  PLACEMENT_TEMPLATE_OPTIONS,
  PLACEMENT_TEMPLATES,
  DEFAULT_PLACEMENT,
  DEFAULT_PLACEMENT_TEMPLATE,
  placementIssues,
  hasPlacementIssues,
  toApiPlacement,
  fromApiPlacement,
  detectTemplate,
  templateValue,
} from "../lib/placement.ts";
export type { PlacementValue, PlacementStrategy, PlacementConstraint, PlacementChoice } from "../lib/placement.ts";

export interface PlacementEditorProps {
  value: PlacementValue;
  onChange: (value: PlacementValue) => void;
  /** The cluster memberOf expressions are checked against (and whose matching instances are listed). */
  cluster?: string;
  /** Show every row's issue (after a submit); before that, issues show once a row is edited. */
  showErrors?: boolean;
  /** The group's legend. */
  legend?: string;
}

export function PlacementEditor({ value, onChange, cluster, showErrors, legend = "Placement template" }: PlacementEditorProps) {
  const detected = detectTemplate(value);
  // "Custom" stays chosen once picked, even while its rules equal a template's.
  const [customChosen, setCustomChosen] = useState(detected === "custom");
  const choice: PlacementChoice = customChosen || detected === "custom" ? "custom" : detected;
  const name = useId();

  const choose = (id: PlacementChoice) => {
    if (id === "custom") {
      setCustomChosen(true);
      // Start from the rules in force, so a template can be adjusted.
      if (choice !== "custom") onChange(templateValue(choice));
      return;
    }
    setCustomChosen(false);
    onChange(templateValue(id));
  };

  return (
    <div className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-bold">{legend}</legend>
        {PLACEMENT_TEMPLATE_OPTIONS.map((o) => (
          <label key={o.id} className="flex items-start gap-2">
            <input
              type="radio"
              name={name}
              value={o.id}
              className="mt-0.5 size-4 accent-aws-blue"
              checked={choice === o.id}
              onChange={() => choose(o.id)}
            />
            <span>
              {o.label}
              <span className="block text-xs text-aws-muted">{o.description}</span>
            </span>
          </label>
        ))}
      </fieldset>

      {choice !== "custom" ? (
        <PlacementSummary value={value} />
      ) : (
        <>
          <StrategyList
            strategies={value.strategies}
            onChange={(strategies) => onChange({ ...value, strategies })}
            showErrors={showErrors}
          />
          <ConstraintList
            constraints={value.constraints}
            onChange={(constraints) => onChange({ ...value, constraints })}
            cluster={cluster}
            showErrors={showErrors}
          />
        </>
      )}
    </div>
  );
}

/** The rules a template sends, one a line. */
function PlacementSummary({ value }: { value: PlacementValue }) {
  const lines = describePlacement(value);
  return (
    <div className="rounded-lg bg-[#f4f4f4] px-3 py-2 text-sm" aria-label="Placement rules" role="group">
      <div className="font-bold text-aws-label">Placement rules</div>
      <ul className="font-mono">
        {lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    </div>
  );
}

function RowButtons({
  label,
  index,
  count,
  onMove,
  onRemove,
}: {
  label: string;
  index: number;
  count: number;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const lower = label.toLowerCase();
  return (
    <div className="mt-6 flex gap-1">
      <Button aria-label={`Move ${lower} up`} iconName="arrow-up" disabled={index === 0} onClick={() => onMove(index - 1)} />
      <Button aria-label={`Move ${lower} down`} iconName="arrow-down" disabled={index === count - 1} onClick={() => onMove(index + 1)} />
      <Button aria-label={`Remove ${lower}`} onClick={onRemove}>
        Remove
      </Button>
    </div>
  );
}

function FieldError({ id, children }: { id: string; children: string }) {
  return (
    <div id={id} className="flex items-center gap-1 text-xs text-aws-red">
      <Icon name="status-negative" />
      {children}
    </div>
  );
}

function StrategyList({
  strategies,
  onChange,
  showErrors,
}: {
  strategies: PlacementStrategy[];
  onChange: (s: PlacementStrategy[]) => void;
  showErrors?: boolean;
}) {
  const id = useId();
  const [touched, setTouched] = useState<Set<number>>(new Set());
  const touch = (i: number) => setTouched((t) => new Set(t).add(i));
  return (
    <section aria-labelledby={`${id}-h`} className="flex flex-col gap-3">
      <div>
        <h3 id={`${id}-h`} className="font-bold">
          Strategy
        </h3>
        <div className="text-xs text-aws-muted">
          Strategies are applied in order: each one breaks the ties the previous left. You can enter a maximum of {MAX_STRATEGIES}{" "}
          strategies.
        </div>
      </div>
      {strategies.length === 0 && <div className="text-aws-muted">No strategy: tasks are placed randomly.</div>}
      <ol className="flex flex-col gap-3">
        {strategies.map((s, i) => {
          const label = `Strategy ${i + 1}`;
          const issue = showErrors || touched.has(i) ? strategyIssue(s) : undefined;
          const typeId = `${id}-${i}-type`;
          const fieldId = `${id}-${i}-field`;
          const errId = `${id}-${i}-err`;
          return (
            <li key={i} role="group" aria-label={label} className="flex flex-wrap items-start gap-3">
              <div className="flex flex-col gap-1">
                <label htmlFor={typeId} className="font-bold">
                  Type
                </label>
                <Select
                  id={typeId}
                  className="w-40"
                  value={s.type}
                  onChange={(e) => {
                    const type = e.target.value as PlacementStrategyType;
                    const field = defaultField(type);
                    onChange(patchAt(strategies, i, field === undefined ? { type, field: undefined } : { type, field }));
                  }}
                >
                  {STRATEGY_TYPES.map((t) => (
                    <option key={t.value} value={t.value}>
                      {t.label}
                    </option>
                  ))}
                </Select>
              </div>
              <div className="flex flex-col gap-1">
                <label htmlFor={fieldId} className="font-bold">
                  Field
                </label>
                {s.type === "binpack" ? (
                  <Select
                    id={fieldId}
                    className="w-96"
                    value={(s.field ?? "").toLowerCase()}
                    aria-invalid={issue ? true : undefined}
                    aria-describedby={issue ? errId : undefined}
                    onChange={(e) => onChange(patchAt(strategies, i, { field: e.target.value }))}
                  >
                    {!["cpu", "memory"].includes((s.field ?? "").toLowerCase()) && <option value={s.field ?? ""}>{s.field || "Choose"}</option>}
                    {STRATEGY_FIELDS.binpack.map((f) => (
                      <option key={f} value={f}>
                        {f}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <>
                    <Input
                      id={fieldId}
                      className="w-96 font-mono"
                      value={s.field ?? ""}
                      disabled={s.type === "random"}
                      placeholder={s.type === "random" ? "No field for random" : "instanceId, host or attribute:<name>"}
                      list={`${id}-fields`}
                      aria-invalid={issue ? true : undefined}
                      aria-describedby={issue ? errId : undefined}
                      onChange={(v) => onChange(patchAt(strategies, i, { field: v }))}
                      onBlur={() => touch(i)}
                    />
                  </>
                )}
                {issue && <FieldError id={errId}>{issue}</FieldError>}
              </div>
              <RowButtons
                label={label}
                index={i}
                count={strategies.length}
                onMove={(to) => onChange(moveItem(strategies, i, to))}
                onRemove={() => onChange(removeAt(strategies, i))}
              />
            </li>
          );
        })}
      </ol>
      <datalist id={`${id}-fields`}>
        {STRATEGY_FIELDS.spread.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      <div>
        <Button
          disabled={strategies.length >= MAX_STRATEGIES}
          onClick={() => onChange([...strategies, { type: "spread", field: defaultField("spread") }])}
        >
          Add strategy
        </Button>
        <div className="mt-1 text-xs text-aws-muted">You can add {Math.max(0, MAX_STRATEGIES - strategies.length)} more strategies.</div>
      </div>
    </section>
  );
}

function ConstraintList({
  constraints,
  onChange,
  cluster,
  showErrors,
}: {
  constraints: PlacementConstraint[];
  onChange: (c: PlacementConstraint[]) => void;
  cluster?: string;
  showErrors?: boolean;
}) {
  const id = useId();
  const [touched, setTouched] = useState<Set<number>>(new Set());
  const touch = (i: number) => setTouched((t) => new Set(t).add(i));
  return (
    <section aria-labelledby={`${id}-h`} className="flex flex-col gap-3">
      <div>
        <h3 id={`${id}-h`} className="font-bold">
          Constraint
        </h3>
        <div className="text-xs text-aws-muted">
          memberOf places tasks only on the instances an expression selects, e.g. <code>attribute:ecs.instance-type =~ t2.*</code>{" "}
          (enter it without quotes). You can enter a maximum of {MAX_CONSTRAINTS} constraints.
        </div>
      </div>
      {constraints.length === 0 && <div className="text-aws-muted">No constraint.</div>}
      <ol className="flex flex-col gap-4">
        {constraints.map((c, i) => {
          const label = `Constraint ${i + 1}`;
          const issue = showErrors || touched.has(i) ? constraintIssue(c) : undefined;
          return (
            <li key={i} role="group" aria-label={label} className="flex flex-col gap-2">
              <div className="flex flex-wrap items-start gap-3">
                <div className="flex flex-col gap-1">
                  <label htmlFor={`${id}-${i}-type`} className="font-bold">
                    Type
                  </label>
                  <Select
                    id={`${id}-${i}-type`}
                    className="w-48"
                    value={c.type}
                    onChange={(e) => {
                      const type = e.target.value as PlacementConstraintType;
                      onChange(patchAt(constraints, i, type === "memberOf" ? { type, expression: c.expression ?? "" } : { type, expression: undefined }));
                    }}
                  >
                    {CONSTRAINT_TYPES.map((t) => (
                      <option key={t.value} value={t.value}>
                        {t.label}
                      </option>
                    ))}
                  </Select>
                </div>
                <ExpressionField
                  inputId={`${id}-${i}-expr`}
                  constraint={c}
                  cluster={cluster}
                  issue={issue}
                  onChange={(expression) => onChange(patchAt(constraints, i, { expression }))}
                  onBlur={() => touch(i)}
                />
                <RowButtons
                  label={label}
                  index={i}
                  count={constraints.length}
                  onMove={(to) => onChange(moveItem(constraints, i, to))}
                  onRemove={() => onChange(removeAt(constraints, i))}
                />
              </div>
            </li>
          );
        })}
      </ol>
      <div>
        <Button
          disabled={constraints.length >= MAX_CONSTRAINTS}
          onClick={() => onChange([...constraints, { type: "memberOf", expression: "" }])}
        >
          Add constraint
        </Button>
        <div className="mt-1 text-xs text-aws-muted">You can add {Math.max(0, MAX_CONSTRAINTS - constraints.length)} more constraints.</div>
      </div>
    </section>
  );
}

function ExpressionField({
  inputId,
  constraint,
  cluster,
  issue,
  onChange,
  onBlur,
}: {
  inputId: string;
  constraint: PlacementConstraint;
  cluster?: string;
  issue?: string;
  onChange: (expression: string) => void;
  onBlur: () => void;
}) {
  const expression = constraint.expression ?? "";
  const check = useExpressionCheck(constraint.type === "memberOf" ? cluster : undefined, expression);
  const errId = `${inputId}-err`;
  const statusId = `${inputId}-status`;
  const serverError = check.error;
  const shownError = issue ?? serverError;
  if (constraint.type !== "memberOf") {
    return (
      <div className="flex flex-col gap-1">
        <label htmlFor={inputId} className="font-bold">
          Expression
        </label>
        <Input id={inputId} className="w-[40rem] max-w-full" value="" disabled placeholder="distinctInstance takes no expression" onChange={() => undefined} />
      </div>
    );
  }
  return (
    <div className="flex w-[40rem] min-w-0 max-w-full flex-col gap-1">
      <label htmlFor={inputId} className="font-bold">
        Expression
      </label>
      <Input
        id={inputId}
        className="w-full font-mono"
        value={expression}
        spellCheck={false}
        autoComplete="off"
        placeholder="attribute:ecs.instance-type =~ t2.*"
        aria-invalid={shownError ? true : undefined}
        aria-describedby={[shownError ? errId : "", statusId].filter(Boolean).join(" ")}
        onChange={(v) => onChange(v)}
        onBlur={onBlur}
      />
      {shownError && <FieldError id={errId}>{shownError}</FieldError>}
      <div id={statusId} role="status" aria-live="polite" className="text-xs text-aws-muted">
        {!cluster ? (
          "Choose a cluster to check the expression against its container instances."
        ) : !expression.trim() ? null : check.pending ? (
          <span className="inline-flex items-center gap-1">
            <Spinner /> Checking the expression…
          </span>
        ) : check.instances ? (
          check.instances.length === 0 ? (
            "Valid expression. It matches no container instance now: tasks with this constraint cannot be placed."
          ) : (
            `Valid expression. It matches ${check.instances.length} container ${check.instances.length === 1 ? "instance" : "instances"} now.`
          )
        ) : null}
      </div>
      {cluster && check.instances && check.instances.length > 0 && !check.pending && (
        <MatchedInstances cluster={cluster} instances={check.instances} label={`Instances matching ${expression.trim()}`} />
      )}
    </div>
  );
}

const attr = (ci: ContainerInstance, name: string) => ci.attributes?.find((a) => a.name === name)?.value;

function MatchedInstances({ cluster, instances, label }: { cluster: string; instances: ContainerInstance[]; label: string }) {
  return (
    <div className="mt-1 overflow-x-auto">
      <table aria-label={label} className="w-full border-separate border-spacing-0 text-left text-sm">
        <thead>
          <tr>
            {["Container instance", "EC2 instance", "Instance type", "Availability Zone", "Status"].map((h) => (
              <th key={h} scope="col" className="whitespace-nowrap border-b border-[#c6c6cd] px-2 py-1 font-bold text-aws-label">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {instances.map((ci) => {
            const id = shortId(ci.containerInstanceArn);
            return (
              <tr key={ci.containerInstanceArn}>
                <td className="whitespace-nowrap border-b border-aws-border px-2 py-1 font-mono">
                  <Link to={`/clusters/${encodeURIComponent(cluster)}/infrastructure/container-instances/${id}`}>{id}</Link>
                </td>
                <td className="whitespace-nowrap border-b border-aws-border px-2 py-1">{ci.ec2InstanceId ?? "-"}</td>
                <td className="whitespace-nowrap border-b border-aws-border px-2 py-1">{attr(ci, "ecs.instance-type") ?? "-"}</td>
                <td className="whitespace-nowrap border-b border-aws-border px-2 py-1">{attr(ci, "ecs.availability-zone") ?? "-"}</td>
                <td className="whitespace-nowrap border-b border-aws-border px-2 py-1">
                  <span title={ci.status === "DRAINING" ? "Draining instances take no new tasks." : undefined}>{ci.status}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** `value`, once it has stopped changing for `ms`. */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/**
 * Checks a cluster query language expression with ListContainerInstances `filter` (debounced) and
 * describes the instances it matches. `error` is the server's message for a malformed expression.
 */
export function useExpressionCheck(cluster: string | undefined, expression: string) {
  const trimmed = expression.trim();
  const debounced = useDebouncedValue(trimmed, 400);
  const enabled = !!cluster && !!debounced;
  const query = useQuery({
    queryKey: queryKeys.infrastructure.filter(cluster ?? "", debounced),
    queryFn: async ({ signal }) => {
      const arns = await listContainerInstances({ cluster: cluster!, filter: debounced }, signal);
      return arns.length ? describeContainerInstances(cluster!, arns, signal) : [];
    },
    enabled,
    retry: false,
    staleTime: 5000,
    placeholderData: keepPreviousData,
  });
  const pending = enabled && (debounced !== trimmed || query.isFetching);
  if (!enabled || !trimmed) return { pending: false, instances: undefined, error: undefined };
  return {
    pending,
    instances: query.isError || query.isPlaceholderData ? undefined : query.data,
    error: !pending && query.isError ? query.error.message : undefined,
  };
}
