/**
 * An Application Load Balancer's rule conditions and actions as ELB accepts them: the limits of
 * load-balancer-listeners.md (one host-header, path-pattern, http-request-method and source-ip per
 * rule; at most five match evaluations and five wildcards per rule; 128 characters a value; each
 * condition's own characters), and one final forward, redirect or fixed-response action. Shared so the
 * console checks what the server will. Each check returns the message ELB's ValidationError or
 * InvalidLoadBalancerAction would carry, or undefined.
 */
import type { Action, RuleCondition } from "../aws/models/elbv2.ts";

export const CONDITION_FIELDS = ["host-header", "path-pattern", "http-header", "http-request-method", "query-string", "source-ip"] as const;
export type ConditionField = (typeof CONDITION_FIELDS)[number];

const ONCE_PER_RULE: ReadonlySet<string> = new Set(["host-header", "path-pattern", "http-request-method", "source-ip"]);
const HOST = /^[A-Za-z0-9.\-*?]+$/;
const PATH = /^[A-Za-z0-9_\-.$/~"'@:+&*?]+$/;
const METHOD = /^[A-Z_-]+$/;
/** Header names: letters, digits, '-', '_' and '.' (the data plane's configuration names them verbatim). */
const HEADER_NAME = /^[A-Za-z0-9_.-]+$/;
/** Printable ASCII: header and query values reach the data plane's configuration as data only. */
const PRINTABLE = /^[\x20-\x7e]+$/;
const CIDR4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/;

export const FIXED_RESPONSE_CONTENT_TYPES = ["text/plain", "text/css", "text/html", "application/javascript", "application/json"];

/** A rule's conditions in one form: each with its field's Config (the legacy Values copied in). */
export function normalizeConditions(conditions: readonly RuleCondition[]): RuleCondition[] {
  return conditions.map((c) => {
    if (c.Field === "host-header" && c.Values && !c.HostHeaderConfig) return { ...c, HostHeaderConfig: { Values: c.Values } };
    if (c.Field === "path-pattern" && c.Values && !c.PathPatternConfig) return { ...c, PathPatternConfig: { Values: c.Values } };
    return c;
  });
}

/** The values a condition matches, as [label, value] for the checks. */
function conditionValues(c: RuleCondition): string[] {
  switch (c.Field) {
    case "host-header":
      return c.HostHeaderConfig?.Values ?? c.Values ?? [];
    case "path-pattern":
      return c.PathPatternConfig?.Values ?? c.Values ?? [];
    case "http-header":
      return c.HttpHeaderConfig?.Values ?? [];
    case "http-request-method":
      return c.HttpRequestMethodConfig?.Values ?? [];
    case "source-ip":
      return c.SourceIpConfig?.Values ?? [];
    case "query-string":
      return (c.QueryStringConfig?.Values ?? []).map((kv) => `${kv.Key ?? ""}=${kv.Value ?? ""}`);
    default:
      return [];
  }
}

const wildcards = (s: string) => (s.match(/[*?]/g) ?? []).length;

export function checkConditions(conditions: readonly RuleCondition[]): string | undefined {
  const seen = new Map<string, number>();
  let evaluations = 0;
  let wild = 0;
  for (const c of conditions) {
    const field = c.Field ?? "";
    if (!(CONDITION_FIELDS as readonly string[]).includes(field)) return `Condition field '${field}' must be one of '[${CONDITION_FIELDS.join(", ")}]'`;
    seen.set(field, (seen.get(field) ?? 0) + 1);
    if (ONCE_PER_RULE.has(field) && seen.get(field)! > 1) return `A rule can only have one '${field}' condition`;
    const values = conditionValues(c);
    if (values.length === 0) return `A '${field}' condition must have at least one value`;
    if (c.RegexValues?.length || c.HostHeaderConfig?.RegexValues?.length || c.PathPatternConfig?.RegexValues?.length || c.HttpHeaderConfig?.RegexValues?.length) {
      return "Regular expression values are not supported by this load balancer";
    }
    evaluations += values.length;
    for (const v of values) {
      if (field !== "query-string" && v.length > 128) return `The '${field}' condition value '${v.slice(0, 40)}...' exceeds the maximum length of 128 characters`;
      if (field === "host-header" || field === "path-pattern" || field === "http-header" || field === "query-string") wild += wildcards(v);
    }
    const problem = checkValues(c, values);
    if (problem) return problem;
  }
  if (evaluations > 5) return "A rule can have at most '5' condition values";
  if (wild > 5) return "A rule can have at most '5' wildcards in its condition values";
  return undefined;
}

function checkValues(c: RuleCondition, values: string[]): string | undefined {
  switch (c.Field) {
    case "host-header":
      for (const v of values) if (!HOST.test(v)) return `The host-header value '${v}' can only contain alphanumeric characters, hyphens (-), periods (.) and wildcards (* and ?)`;
      return undefined;
    case "path-pattern":
      for (const v of values) if (!PATH.test(v)) return `The path-pattern value '${v}' contains characters that are not allowed`;
      return undefined;
    case "http-request-method":
      for (const v of values) if (!METHOD.test(v) || v.length > 40) return `The http-request-method value '${v}' can only contain uppercase letters, hyphens (-) and underscores (_)`;
      return undefined;
    case "http-header": {
      const name = c.HttpHeaderConfig?.HttpHeaderName ?? "";
      if (!HEADER_NAME.test(name) || name.length > 40) return `The http-header name '${name}' is not a valid HTTP header name`;
      for (const v of values) if (!PRINTABLE.test(v)) return `The http-header value '${v.replace(/[^\x20-\x7e]/g, "?")}' contains characters that are not allowed`;
      return undefined;
    }
    case "query-string":
      for (const kv of c.QueryStringConfig?.Values ?? []) {
        if (kv.Value === undefined || kv.Value === "") return "A query-string condition value must have a value";
        for (const part of [kv.Key, kv.Value]) {
          if (part !== undefined && (part.length > 128 || !PRINTABLE.test(part))) return `The query-string value '${String(part).replace(/[^\x20-\x7e]/g, "?").slice(0, 40)}' contains characters that are not allowed`;
        }
      }
      return undefined;
    case "source-ip":
      for (const v of values) if (!CIDR4.test(v)) return `The source-ip value '${v}' is not a valid IPv4 CIDR block`;
      return undefined;
    default:
      return undefined;
  }
}

const TERMINAL = new Set(["forward", "redirect", "fixed-response"]);

/** The target groups an action list forwards to, with their weights. */
export function forwardTargets(action: Action): Array<{ arn: string; weight: number }> {
  if (action.Type !== "forward") return [];
  const tuples = action.ForwardConfig?.TargetGroups;
  if (tuples?.length) return tuples.map((t) => ({ arn: t.TargetGroupArn ?? "", weight: t.Weight ?? 1 }));
  return action.TargetGroupArn ? [{ arn: action.TargetGroupArn, weight: 1 }] : [];
}

/** Checks an action list; InvalidLoadBalancerAction's message when it is not one ELB accepts. */
export function checkActions(actions: readonly Action[]): string | undefined {
  if (actions.length === 0) return "A rule must have at least one action";
  const sorted = sortActions(actions);
  const orders = actions.map((a) => a.Order).filter((o) => o !== undefined);
  if (new Set(orders).size !== orders.length) return "Action orders must be unique";
  const last = sorted[sorted.length - 1]!;
  if (!TERMINAL.has(last.Type)) return "The last action must be one of 'forward', 'redirect' or 'fixed-response'";
  if (sorted.filter((a) => TERMINAL.has(a.Type)).length > 1) return "A rule can have only one 'forward', 'redirect' or 'fixed-response' action";
  for (const a of sorted) {
    if (a.Type.startsWith("authenticate") || a.Type === "jwt-validation") return `The action type '${a.Type}' is supported on HTTPS listeners only`;
    const problem = checkAction(a);
    if (problem) return problem;
  }
  return undefined;
}

export const sortActions = (actions: readonly Action[]): Action[] => [...actions].sort((a, b) => (a.Order ?? 50_001) - (b.Order ?? 50_001));

function checkAction(a: Action): string | undefined {
  switch (a.Type) {
    case "forward": {
      const tuples = a.ForwardConfig?.TargetGroups;
      if (!a.TargetGroupArn && !tuples?.length) return "A forward action must specify a target group";
      if (tuples && tuples.length > 5) return "A forward action can have at most '5' target groups";
      if (a.TargetGroupArn && tuples?.length && (tuples.length !== 1 || tuples[0]!.TargetGroupArn !== a.TargetGroupArn)) {
        return "You cannot specify both 'TargetGroupArn' and a 'ForwardConfig' with other target groups";
      }
      const arns = forwardTargets(a).map((t) => t.arn);
      if (new Set(arns).size !== arns.length) return "A forward action cannot name the same target group twice";
      for (const t of tuples ?? []) if (t.Weight !== undefined && (t.Weight < 0 || t.Weight > 999)) return "Target group weights must be between 0 and 999";
      return undefined;
    }
    case "fixed-response": {
      const c = a.FixedResponseConfig;
      if (!c) return "A fixed-response action must have a FixedResponseConfig";
      if (!/^[245]\d\d$/.test(c.StatusCode)) return `The fixed-response status code '${c.StatusCode}' must be 2XX, 4XX or 5XX`;
      if (c.ContentType !== undefined && !FIXED_RESPONSE_CONTENT_TYPES.includes(c.ContentType)) return `The content type '${c.ContentType}' must be one of '[${FIXED_RESPONSE_CONTENT_TYPES.join(", ")}]'`;
      if ((c.MessageBody ?? "").length > 1024) return "The fixed-response message body cannot be longer than 1024 characters";
      return undefined;
    }
    case "redirect": {
      const c = a.RedirectConfig;
      if (!c) return "A redirect action must have a RedirectConfig";
      if (c.Protocol !== undefined && !["HTTP", "HTTPS", "#{protocol}"].includes(c.Protocol)) return "The redirect protocol must be 'HTTP', 'HTTPS' or '#{protocol}'";
      if (c.Port !== undefined && c.Port !== "#{port}" && !(/^\d{1,5}$/.test(c.Port) && Number(c.Port) >= 1 && Number(c.Port) <= 65535)) return "The redirect port must be between 1 and 65535, or '#{port}'";
      for (const [name, v, max] of [["host", c.Host, 128], ["path", c.Path, 128], ["query", c.Query, 128]] as const) {
        if (v !== undefined && (v.length > max || !PRINTABLE.test(v) || /\s/.test(v))) return `The redirect ${name} '${String(v).replace(/[^\x21-\x7e]/g, "?")}' is not valid`;
      }
      if (c.Path !== undefined && !c.Path.startsWith("/")) return "The redirect path must start with a '/'";
      if (c.Query?.startsWith("?")) return "The redirect query must not start with a '?'";
      const unchanged = (v: string | undefined, keep: string) => v === undefined || v === keep;
      if (unchanged(c.Protocol, "#{protocol}") && unchanged(c.Port, "#{port}") && unchanged(c.Host, "#{host}") && unchanged(c.Path, "/#{path}") && unchanged(c.Query, "#{query}")) {
        return "A redirect action must change at least one of protocol, port, host, path or query, or it would loop";
      }
      return undefined;
    }
    default:
      return `The action type '${a.Type}' is not supported`;
  }
}
