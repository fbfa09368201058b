/**
 * An AWS service as the server speaks it: AWS's model of its API (what requests are decoded against),
 * its protocol, and one handler per operation, typed by the model's input and output shapes.
 */
import type { ServiceModel } from "@stevedore/shared/aws/model";
import { validationMessage, type DecodeIssue, type DecodeOptions } from "@stevedore/shared/aws/decode";
import type { ActionContext } from "./context.ts";
import { AwsError } from "./errors.ts";

export type Protocol = "json" | "query" | "ec2";

/** A generated `Operations` interface: each operation's input and output types. */
type OperationTypes = object;
type InputOf<Op> = Op extends { input: infer I } ? I : never;
type OutputOf<Op> = Op extends { output: infer O } ? O : never;

/** An operation's handler: its input decoded and typed by AWS's model; its output as the model shapes it. */
export type Handler<I = never, O = unknown> = (input: I, ctx: ActionContext) => Promise<O | void>;

/** Handlers for some of a model's operations; an operation without one is refused as unsupported. */
export type Handlers<Ops extends OperationTypes> = { [K in keyof Ops]?: Handler<InputOf<Ops[K]>, OutputOf<Ops[K]>> | Handler<InputOf<Ops[K]>> };

/** The handler type of one operation of a service: `HandlerOf<ec2.Operations, "DescribeVpcs">`. */
export type HandlerOf<Ops extends OperationTypes, K extends keyof Ops> = Handler<InputOf<Ops[K]>, OutputOf<Ops[K]>>;

/**
 * A handler whose output is not held to the model's types: ECS and CloudWatch Logs, whose views are
 * typed by packages/shared's own reading of the same shapes (ecs-types.ts) that the console uses.
 */
export type InputTypedHandlerOf<Ops extends OperationTypes, K extends keyof Ops> = Handler<InputOf<Ops[K]>>;

export interface AwsService {
  /** The name AWS's signing scope and error messages use (ecs, autoscaling, ec2...). */
  name: string;
  model: ServiceModel;
  protocol: Protocol;
  /** How the issues of input that fails the model's checks name where they are. */
  issuePaths: NonNullable<DecodeOptions["paths"]>;
  /** The error for input that fails the model's checks, in the service's words. */
  rejectInput(issues: DecodeIssue[]): AwsError;
  handler(operation: string): Handler<unknown> | undefined;
  /** The operations it has a handler for. */
  operations(): string[];
}

export function defineService<Ops extends OperationTypes>(def: {
  name: string;
  model: ServiceModel;
  protocol: Protocol;
  /** The exception code for input that fails the model's checks, or how to word it. */
  invalidInput: string | ((issues: DecodeIssue[]) => AwsError);
  issuePaths?: DecodeOptions["paths"];
  handlers: Handlers<Ops>;
}): AwsService {
  const table = new Map(Object.entries(def.handlers as Record<string, Handler<unknown>>));
  const { invalidInput } = def;
  return {
    name: def.name,
    model: def.model,
    protocol: def.protocol,
    issuePaths: def.issuePaths ?? (def.protocol === "json" ? "json" : "query"),
    rejectInput: typeof invalidInput === "string" ? (issues) => new AwsError(invalidInput, validationMessage(issues)) : invalidInput,
    // A Map, not an object: `constructor` or `__proto__` never resolve to an operation.
    handler: (operation) => table.get(operation),
    operations: () => [...table.keys()],
  };
}
