/** The parsed form of a cluster query language expression. */
import type { Version } from "./values.ts";

export type Subject =
  | { kind: "attribute"; name: string }
  | { kind: "agentConnected" | "agentVersion" | "ec2InstanceId" | "registeredAt" | "runningTasksCount" | "taskGroup" };

/** Operators by their symbolic spelling; the word forms (equals, not_in, ...) parse to these. */
export type Operator = "==" | "!=" | ">" | ">=" | "<" | "<=" | "exists" | "!exists" | "in" | "!in" | "=~" | "!~";

/** A literal already converted for its subject: a number for runningTasksCount and registeredAt (epoch ms), a Version for agentVersion, else the text. */
export type Operand = string | number | Version;

export interface Condition {
  type: "condition";
  subject: Subject;
  operator: Operator;
  /** One operand for comparisons, the list for in/!in, none for exists/!exists and for =~/!~ (see pattern). */
  operands: readonly Operand[];
  /** The Java pattern of =~/!~, translated to a full-match RegExp. */
  pattern?: RegExp;
}

export type Expression =
  | Condition
  | { type: "and" | "or"; left: Expression; right: Expression }
  | { type: "not"; operand: Expression };
