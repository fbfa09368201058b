/**
 * RegisterTaskDefinition's checks, as ECS makes them: the shape (the shared schema), then one module
 * per concern. Every failure is a ClientException whose message names the field.
 */
import { registerTaskDefinitionSchema, type RegisterTaskDefinitionInput } from "@stevedore/shared";
import type { Config } from "../../config.ts";
import { clientException } from "../../aws/errors.ts";
import { checkContainers } from "./containers.ts";
import { checkDependencies } from "./dependencies.ts";
import { checkFargate } from "./fargate.ts";
import { checkNetwork } from "./network.ts";
import { checkSafety } from "./safety.ts";
import { checkTaskSize } from "./task-size.ts";
import { checkVolumes } from "./volumes.ts";

export function validateTaskDefinition(input: unknown, config: Config): RegisterTaskDefinitionInput {
  const parsed = registerTaskDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join(".") : "request";
    throw clientException(`Invalid request provided: ${where}: ${issue.message}`);
  }
  const def = parsed.data;
  checkContainers(def);
  checkTaskSize(def);
  checkNetwork(def);
  checkVolumes(def);
  checkDependencies(def);
  checkFargate(def);
  checkSafety(def, config);
  return def;
}

/** Launch types a definition can run on, as ECS derives `compatibilities`. */
export function compatibilities(def: RegisterTaskDefinitionInput): string[] {
  const fargateReady = def.networkMode === "awsvpc" && def.cpu !== undefined && def.memory !== undefined;
  return fargateReady ? ["EC2", "FARGATE"] : ["EC2"];
}
