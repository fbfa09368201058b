import type { ContainerDefinition } from "../task-definition.ts";
import { issue, type IssuePath, type TaskDefinitionIssue } from "./issue.ts";

/** The options each log driver cannot do without (the driver names themselves are the model's enum). */
const REQUIRED_LOG_OPTIONS: Record<string, string[]> = { awslogs: ["awslogs-group", "awslogs-region"], splunk: ["splunk-url"] };
/** ECS's health check ranges, in seconds (retries: a count). */
const HEALTH_RANGES = { interval: [5, 300], timeout: [2, 60], retries: [1, 10], startPeriod: [0, 300] } as const;

/** A container's ulimits, restart policy, log driver and health check, as ECS bounds them. */
export function containerSettingIssues(c: ContainerDefinition, at: (...path: IssuePath) => IssuePath): TaskDefinitionIssue[] {
  const issues: TaskDefinitionIssue[] = [];
  const add = (path: IssuePath, message: string) => issues.push(issue(at(...path), message));
  c.ulimits?.forEach((u, j) => {
    if (u.softLimit > u.hardLimit) add(["ulimits", j, "softLimit"], `Invalid 'ulimits' setting for container '${c.name}': softLimit of '${u.name}' exceeds its hardLimit.`);
  });
  const period = c.restartPolicy?.restartAttemptPeriod;
  if (period !== undefined && (period < 60 || period > 1800)) {
    add(["restartPolicy", "restartAttemptPeriod"], `Invalid 'restartPolicy' setting for container '${c.name}': restartAttemptPeriod must be between 60 and 1800 seconds.`);
  }
  if ((c.restartPolicy?.ignoredExitCodes?.length ?? 0) > 50) {
    add(["restartPolicy", "ignoredExitCodes"], `Invalid 'restartPolicy' setting for container '${c.name}': at most 50 ignoredExitCodes.`);
  }
  const driver = c.logConfiguration?.logDriver;
  for (const option of REQUIRED_LOG_OPTIONS[driver ?? ""] ?? []) {
    if (!c.logConfiguration?.options?.[option]?.trim()) add(["logConfiguration", "options", option], `Log driver ${driver} option '${option}' should not be null or empty.`);
  }
  const health = c.healthCheck;
  if (health) {
    for (const [field, [min, max]] of Object.entries(HEALTH_RANGES)) {
      const value = health[field as keyof typeof HEALTH_RANGES];
      if (value !== undefined && (value < min || value > max)) {
        add(["healthCheck", field], `Invalid 'healthCheck' setting for container '${c.name}': ${field} must be between ${min} and ${max}.`);
      }
    }
    if (!["CMD", "CMD-SHELL", "NONE"].includes(health.command[0]!)) {
      add(["healthCheck", "command"], `Invalid 'healthCheck' setting for container '${c.name}': command must start with CMD or CMD-SHELL.`);
    }
  }
  return issues;
}
