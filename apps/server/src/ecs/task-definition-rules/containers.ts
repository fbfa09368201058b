import type { RegisterTaskDefinitionInput } from "@stevedore/shared";
import { parseExpression, QuerySyntaxError } from "@stevedore/scheduler";
import { clientException } from "../../aws/errors.ts";
import { invalidDefinition } from "./invalid.ts";

const NAME = /^[a-zA-Z0-9_-]{1,255}$/;
const ULIMITS = ["core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack"];
const LOG_DRIVERS = ["json-file", "syslog", "journald", "gelf", "fluentd", "awslogs", "splunk", "awsfirelens"];

export function checkContainers(def: RegisterTaskDefinitionInput): void {
  if (!NAME.test(def.family)) {
    throw clientException("Family contains invalid characters. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.");
  }
  if (def.containerDefinitions.length === 0) throw clientException("Container list cannot be empty.");
  if (def.containerDefinitions.length > 10) throw invalidDefinition("Too many containers: containerDefinitions can have at most 10 containers.");
  const seen = new Set<string>();
  for (const c of def.containerDefinitions) {
    if (!NAME.test(c.name)) {
      throw clientException(`Container name '${c.name}' contains invalid characters. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.`);
    }
    if (seen.has(c.name)) throw invalidDefinition(`Duplicate container name '${c.name}' in containerDefinitions.`);
    seen.add(c.name);
    if (!c.image.trim()) throw clientException(`Container.image should not be null or empty (container '${c.name}').`);
    if (c.memory !== undefined && c.memoryReservation !== undefined && c.memory < c.memoryReservation) {
      throw clientException(`Invalid 'memory' setting for container '${c.name}'. The hard limit (memory) must be greater than or equal to the soft limit (memoryReservation).`);
    }
    for (const [field, v] of [["memory", c.memory], ["memoryReservation", c.memoryReservation]] as const) {
      if (v !== undefined && v < 6) throw clientException(`Invalid '${field}' setting for container '${c.name}'. The minimum is 6 MiB.`);
    }
    if (def.memory === undefined && c.memory === undefined && c.memoryReservation === undefined) {
      throw clientException(`Invalid setting for container '${c.name}'. At least one of 'memory' or 'memoryReservation' must be specified.`);
    }
    for (const u of c.ulimits ?? []) {
      if (!ULIMITS.includes(u.name)) throw clientException(`Invalid 'ulimits' setting for container '${c.name}': unknown limit name '${u.name}'.`);
      if (u.softLimit > u.hardLimit) throw clientException(`Invalid 'ulimits' setting for container '${c.name}': softLimit of '${u.name}' exceeds its hardLimit.`);
    }
    const restart = c.restartPolicy;
    if (restart?.restartAttemptPeriod !== undefined && (restart.restartAttemptPeriod < 60 || restart.restartAttemptPeriod > 1800)) {
      throw clientException(`Invalid 'restartPolicy' setting for container '${c.name}': restartAttemptPeriod must be between 60 and 1800 seconds.`);
    }
    if ((restart?.ignoredExitCodes?.length ?? 0) > 50) throw clientException(`Invalid 'restartPolicy' setting for container '${c.name}': at most 50 ignoredExitCodes.`);
    const driver = c.logConfiguration?.logDriver;
    if (driver !== undefined && !LOG_DRIVERS.includes(driver)) {
      throw clientException(`Invalid 'logConfiguration' for container '${c.name}': logDriver must be one of ${LOG_DRIVERS.join(", ")}.`);
    }
    const hc = c.healthCheck;
    if (hc) {
      const range = (field: string, v: number | undefined, min: number, max: number) => {
        if (v !== undefined && (v < min || v > max)) {
          throw clientException(`Invalid 'healthCheck' setting for container '${c.name}': ${field} must be between ${min} and ${max}.`);
        }
      };
      range("interval", hc.interval, 5, 300);
      range("timeout", hc.timeout, 2, 60);
      range("retries", hc.retries, 1, 10);
      range("startPeriod", hc.startPeriod, 0, 300);
      if (!["CMD", "CMD-SHELL", "NONE"].includes(hc.command[0]!)) {
        throw clientException(`Invalid 'healthCheck' setting for container '${c.name}': command must start with CMD or CMD-SHELL.`);
      }
    }
  }
  if (!def.containerDefinitions.some((c) => c.essential !== false)) {
    throw invalidDefinition("At least one essential container is required.");
  }
  for (const t of def.tags ?? []) {
    if (t.key.toLowerCase().startsWith("aws:")) throw clientException(`Invalid tag key '${t.key}': tag keys starting with 'aws:' are reserved.`);
  }
  for (const pc of def.placementConstraints ?? []) {
    if (pc.type === "distinctInstance") throw invalidDefinition("constraint.type 'distinctInstance' is not supported.");
    try {
      parseExpression(pc.expression ?? "");
    } catch (err) {
      if (err instanceof QuerySyntaxError) throw clientException(`Invalid 'placementConstraints' expression: ${err.message}`);
      throw err;
    }
  }
}
