/**
 * Target health as ALB keeps it (target-group-health-checks.md): each registered target is checked
 * every interval, each check's result standing for the whole interval. A new target needs ONE
 * successful check to become healthy; after that, `unhealthyThreshold` consecutive failures make it
 * unhealthy and `healthyThreshold` consecutive successes healthy again. Reasons in ELB's codes.
 */
import http from "node:http";
import type { TargetHealth } from "@stevedore/shared/aws/models/elbv2";
import type { HealthCheckSettings } from "../../store/elb.ts";
import { matcherCodes } from "../settings.ts";

export type CheckResult = { ok: true } | { ok: false; reason: "Target.ResponseCodeMismatch"; code: number } | { ok: false; reason: "Target.Timeout" | "Target.FailedHealthChecks" };

export interface HealthState {
  state: "initial" | "healthy" | "unhealthy";
  /** Whether a check has completed since registration. */
  checked: boolean;
  successes: number;
  failures: number;
  last?: CheckResult;
}

export const newHealthState = (): HealthState => ({ state: "initial", checked: false, successes: 0, failures: 0 });

/** The state after one check's result. */
export function afterCheck(s: HealthState, result: CheckResult, hc: Pick<HealthCheckSettings, "healthyThreshold" | "unhealthyThreshold">): HealthState {
  const successes = result.ok ? s.successes + 1 : 0;
  const failures = result.ok ? 0 : s.failures + 1;
  let state = s.state;
  if (result.ok && (state === "initial" || successes >= hc.healthyThreshold)) state = "healthy";
  if (!result.ok && failures >= hc.unhealthyThreshold) state = "unhealthy";
  return { state, checked: true, successes, failures, last: result };
}

/** DescribeTargetHealth's TargetHealth of a registered target in this state. */
export function healthView(s: HealthState): TargetHealth {
  if (s.state === "healthy") return { State: "healthy" };
  if (s.state === "initial") {
    return s.checked
      ? { State: "initial", Reason: "Elb.InitialHealthChecking", Description: "Initial health checks in progress" }
      : { State: "initial", Reason: "Elb.RegistrationInProgress", Description: "Target registration is in progress" };
  }
  const last = s.last;
  if (last && !last.ok && last.reason === "Target.ResponseCodeMismatch") return { State: "unhealthy", Reason: "Target.ResponseCodeMismatch", Description: `Health checks failed with these codes: [${last.code}]` };
  if (last && !last.ok && last.reason === "Target.Timeout") return { State: "unhealthy", Reason: "Target.Timeout", Description: "Request timed out" };
  return { State: "unhealthy", Reason: "Target.FailedHealthChecks", Description: "Health checks failed" };
}

export const matches = (matcher: string, code: number) => matcherCodes(matcher).some(([lo, hi]) => code >= lo && code <= hi);

/** One health check: GET the path on the target, as ELB-HealthChecker/2.0, within the timeout. */
export function checkOnce(address: string, port: number, hc: HealthCheckSettings): Promise<CheckResult> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: CheckResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(r);
    };
    const req = http.request(
      { host: address, port, path: hc.path, method: "GET", agent: false, headers: { "User-Agent": "ELB-HealthChecker/2.0", Connection: "close", Host: `${address}:${port}` } },
      (res) => {
        const code = res.statusCode ?? 0;
        res.resume();
        done(matches(hc.matcher, code) ? { ok: true } : { ok: false, reason: "Target.ResponseCodeMismatch", code });
      },
    );
    const timer = setTimeout(() => done({ ok: false, reason: "Target.Timeout" }), hc.timeoutSeconds * 1000);
    req.on("error", () => done({ ok: false, reason: "Target.FailedHealthChecks" }));
    req.end();
  });
}
