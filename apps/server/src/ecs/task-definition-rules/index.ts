/**
 * RegisterTaskDefinition's checks, as ECS makes them: the shape (ECS's model, at the API edge and again
 * here for the names and images every container needs), ECS's rules (shared with the console: the first
 * issue is the error), then what only the server can check. Every failure is a ClientException whose
 * message names the field. The operator's safety policy is not among them: it decides at launch.
 */
import { decodeRegisterTaskDefinition, taskDefinitionIssues, validationMessage, type RegisterTaskDefinitionInput } from "@stevedore/shared";
import type { RegisterTaskDefinitionRequest } from "@stevedore/shared/aws/models/ecs";
import { clientException } from "../../aws/errors.ts";
import { checkPlacementExpressions } from "./placement-expressions.ts";

export function validateTaskDefinition(input: RegisterTaskDefinitionRequest): RegisterTaskDefinitionInput {
  const decoded = decodeRegisterTaskDefinition(input);
  if (!decoded.ok) throw clientException(validationMessage(decoded.issues));
  const def = decoded.value;
  const [issue] = taskDefinitionIssues(def);
  if (issue) throw clientException(issue.error);
  checkPlacementExpressions(def);
  return def;
}

/** Launch types a definition can run on, as ECS derives `compatibilities`. */
export function compatibilities(def: RegisterTaskDefinitionInput): string[] {
  const fargateReady = def.networkMode === "awsvpc" && def.cpu !== undefined && def.memory !== undefined;
  return fargateReady ? ["EC2", "FARGATE"] : ["EC2"];
}
