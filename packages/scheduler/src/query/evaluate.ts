/**
 * Does an instance match an expression? Every subject yields zero or more values: none when it is
 * absent (an attribute the instance lacks, task:group on an instance without tasks, an agentVersion
 * that is not a version), several for task:group (one per group with a task on the instance).
 * A positive test (==, in, =~, ordering) holds when some value passes; a negated one (!=, !in, !~)
 * holds when the subject is present and no value passes the positive test, which is the docs'
 * reading of "attribute:stack != prod": instances with the attribute "stack" unless it is "prod".
 */
import type { CandidateInstance } from "../types.ts";
import type { Condition, Expression, Operand, Operator, Subject } from "./ast.ts";
import { compareVersions, isVersion, parseVersion } from "./values.ts";

/** What the query language reads from an instance. */
export type QueryTarget = Pick<
  CandidateInstance,
  "attributes" | "ec2InstanceId" | "agentConnected" | "agentVersion" | "registeredAt" | "runningTasksCount" | "groupCounts"
>;

export function evaluate(expression: Expression, target: QueryTarget): boolean {
  switch (expression.type) {
    case "and":
      return evaluate(expression.left, target) && evaluate(expression.right, target);
    case "or":
      return evaluate(expression.left, target) || evaluate(expression.right, target);
    case "not":
      return !evaluate(expression.operand, target);
    case "condition":
      return holds(expression, subjectValues(expression.subject, target));
  }
}

/** Whether the expression reads state that placing a task changes (so it must be re-checked after each placement). */
export function readsPlacementState(expression: Expression): boolean {
  switch (expression.type) {
    case "and":
    case "or":
      return readsPlacementState(expression.left) || readsPlacementState(expression.right);
    case "not":
      return readsPlacementState(expression.operand);
    case "condition":
      return expression.subject.kind === "taskGroup" || expression.subject.kind === "runningTasksCount";
  }
}

function subjectValues(subject: Subject, t: QueryTarget): Operand[] {
  switch (subject.kind) {
    case "attribute": {
      const value = t.attributes[subject.name];
      return value === undefined ? [] : [value];
    }
    case "ec2InstanceId":
      return [t.ec2InstanceId];
    case "agentConnected":
      return [String(t.agentConnected)];
    case "agentVersion": {
      const version = parseVersion(t.agentVersion);
      return version ? [version] : [];
    }
    case "registeredAt":
      return [t.registeredAt];
    case "runningTasksCount":
      return [t.runningTasksCount];
    case "taskGroup":
      return Object.keys(t.groupCounts).filter((group) => t.groupCounts[group]! > 0);
  }
}

type Positive = Exclude<Operator, "!=" | "!in" | "!~" | "exists" | "!exists">;
const NEGATED: Partial<Record<Operator, Positive>> = { "!=": "==", "!in": "in", "!~": "=~" };

function holds(c: Condition, values: Operand[]): boolean {
  if (c.operator === "exists") return values.length > 0;
  if (c.operator === "!exists") return values.length === 0;
  const positive = NEGATED[c.operator];
  if (positive) return values.length > 0 && !values.some((v) => passes(c, positive, v));
  return values.some((v) => passes(c, c.operator as Positive, v));
}

function passes(c: Condition, operator: Positive, value: Operand): boolean {
  switch (operator) {
    case "=~":
      return c.pattern!.test(String(value));
    case "in":
      return c.operands.some((o) => equal(value, o));
    case "==":
      return equal(value, c.operands[0]!);
    case ">":
      return order(value, c.operands[0]!) > 0;
    case ">=":
      return order(value, c.operands[0]!) >= 0;
    case "<":
      return order(value, c.operands[0]!) < 0;
    case "<=":
      return order(value, c.operands[0]!) <= 0;
  }
}

/** == is string equality for text ("String equality" in the docs); versions are equal by precedence (1.14 == 1.14.0). */
function equal(a: Operand, b: Operand): boolean {
  return isVersion(a) && isVersion(b) ? compareVersions(a, b) === 0 : a === b;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Versions by precedence, counts and instants numerically; text numerically when both sides are numbers, else by code unit. */
function order(a: Operand, b: Operand): number {
  if (isVersion(a) && isVersion(b)) return compareVersions(a, b);
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = String(a);
  const y = String(b);
  if (NUMBER.test(x) && NUMBER.test(y)) return Number(x) - Number(y);
  return x === y ? 0 : x < y ? -1 : 1;
}
