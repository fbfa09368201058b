/**
 * RegisterTaskDefinition's checks, as ECS makes them: the shape (the shared schema), ECS's rules
 * (shared with the console: the first issue is the error), then what only the server can check.
 * Every failure is a ClientException whose message names the field.
 */
import { registerTaskDefinitionSchema, taskDefinitionIssues, type RegisterTaskDefinitionInput } from "@stevedore/shared";
import type { Config } from "../../config.ts";
import { clientException } from "../../aws/errors.ts";
import { checkPlacementExpressions } from "./placement-expressions.ts";
import { checkSafety } from "./safety.ts";

export function validateTaskDefinition(input: unknown, config: Config): RegisterTaskDefinitionInput {
  const parsed = registerTaskDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join(".") : "request";
    throw clientException(`Invalid request provided: ${where}: ${issue.message}`);
  }
  const def = parsed.data;
  const [issue] = taskDefinitionIssues(def);
  if (issue) throw clientException(issue.error);
  checkPlacementExpressions(def);
  checkSafety(def, config);
  return def;
}

/** Launch types a definition can run on, as ECS derives `compatibilities`. */
export function compatibilities(def: RegisterTaskDefinitionInput): string[] {
  const fargateReady = def.networkMode === "awsvpc" && def.cpu !== undefined && def.memory !== undefined;
  return fargateReady ? ["EC2", "FARGATE"] : ["EC2"];
}
