/**
 * One load balancer as an HAProxy configuration: a frontend per listener on the load balancer's own
 * address, its rules as ACLs evaluated in priority order (the first match sets txn.rule; the default
 * rule is 0), then each rule's action: forward (weighted across target groups by one random draw),
 * redirect (ALB's #{protocol}, #{host}, #{port}, #{path}, #{query}) or fixed-response. A backend per
 * target group with every registered target as a server, those not routable disabled.
 *
 * Every user value reaches the file as data: condition values become regular expressions whose
 * every character other than a letter or digit is a \xHH escape, inside single quotes (where
 * HAProxy expands nothing); redirect parts are log-format text in single quotes with % doubled;
 * fixed-response bodies are files. Nothing a caller sends can end a word or add a line.
 */
import type { Action, RuleCondition } from "@stevedore/shared/aws/models/elbv2";
import { forwardTargets } from "@stevedore/shared/elb/rules";

export interface ServerModel {
  name: string;
  address: string;
  port: number;
  routable: boolean;
}

export interface BackendModel {
  name: string;
  algorithm: string;
  slowStartSeconds: number;
  stickinessSeconds?: number;
  servers: ServerModel[];
}

export interface RuleModel {
  priority: number;
  conditions: RuleCondition[];
  actions: Action[];
}

export interface ListenerModel {
  port: number;
  /** Priority order; the default rule's actions apart. */
  rules: RuleModel[];
  defaultActions: Action[];
}

export interface LoadBalancerModel {
  address: string;
  idleTimeoutSeconds: number;
  listeners: ListenerModel[];
  /** Target group ARN → its backend. */
  backends: Map<string, BackendModel>;
  /** Where the socket, error pages and response bodies live. */
  dir: string;
}

const alnum = /[A-Za-z0-9]/;
const hexEscape = (ch: string) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`;

/** An ALB wildcard value (`*` any run, `?` one character) as an anchored regular expression. */
export function wildcardRegex(value: string, any = ".*", one = "."): string {
  let out = "";
  for (const ch of value) out += ch === "*" ? any : ch === "?" ? one : alnum.test(ch) ? ch : hexEscape(ch);
  return out;
}

const quoted = (pattern: string) => `'${pattern}'`;

function conditionAcl(c: RuleCondition): string {
  const patterns = (values: string[], any?: string, one?: string) => values.map((v) => quoted(`^${wildcardRegex(v, any, one)}$`)).join(" ");
  switch (c.Field) {
    case "host-header":
      return `req.hdr(host),field(1,:) -m reg -i ${patterns(c.HostHeaderConfig?.Values ?? c.Values ?? [])}`;
    case "path-pattern":
      return `path -m reg ${patterns(c.PathPatternConfig?.Values ?? c.Values ?? [])}`;
    case "http-header":
      return `req.hdr(${c.HttpHeaderConfig?.HttpHeaderName ?? "x"}) -m reg -i ${patterns(c.HttpHeaderConfig?.Values ?? [])}`;
    case "http-request-method":
      return `method -m str ${(c.HttpRequestMethodConfig?.Values ?? []).join(" ")}`;
    case "source-ip":
      return `src ${(c.SourceIpConfig?.Values ?? []).join(" ")}`;
    case "query-string": {
      const pairs = (c.QueryStringConfig?.Values ?? []).map((kv) => {
        const value = wildcardRegex(kv.Value ?? "", "[^&]*", "[^&]");
        const key = kv.Key !== undefined ? `${wildcardRegex(kv.Key, "[^&=]*", "[^&=]")}=` : "([^&=]*=)?";
        return quoted(`(^|&)${key}${value}(&|$)`);
      });
      return `query -m reg -i ${pairs.join(" ")}`;
    }
    default:
      return "always_false";
  }
}

/** Log-format text of a redirect part: placeholders as sample fetches, the rest literal. */
function redirectPart(text: string): string {
  const placeholders: Record<string, string> = {
    "#{protocol}": "http",
    "#{host}": "%[req.hdr(host),field(1,:)]",
    "#{port}": "%[dst_port]",
    "#{path}": "%[path,regsub(^/,)]",
    "#{query}": "%[query]",
  };
  let out = "";
  for (let i = 0; i < text.length; ) {
    const key = Object.keys(placeholders).find((k) => text.startsWith(k, i));
    if (key) {
      out += placeholders[key];
      i += key.length;
    } else {
      const ch = text[i]!;
      // % starts a log-format item; ' would end the quoted word: both as URL escapes, which mean the same in a Location.
      out += ch === "%" ? "%%" : ch === "'" ? "%%27" : ch;
      i++;
    }
  }
  return out;
}

function redirectLines(action: Action, when: string): string[] {
  const r = action.RedirectConfig!;
  const protocol = (r.Protocol ?? "#{protocol}").toLowerCase() === "#{protocol}" ? "http" : r.Protocol!.toLowerCase();
  const port = r.Port ?? "#{port}";
  const defaultPort = (protocol === "http" && port === "80") || (protocol === "https" && port === "443");
  const base = `${protocol}://${redirectPart(r.Host ?? "#{host}")}${defaultPort ? "" : `:${redirectPart(port)}`}${redirectPart(r.Path ?? "/#{path}")}`;
  const code = r.StatusCode === "HTTP_301" ? 301 : 302;
  const query = r.Query ?? "#{query}";
  if (query === "#{query}") {
    return [`  http-request redirect location '${base}?%[query]' code ${code} if ${when} { query -m len gt 0 }`, `  http-request redirect location '${base}' code ${code} if ${when}`];
  }
  return [`  http-request redirect location '${base}${query ? `?${redirectPart(query)}` : ""}' code ${code} if ${when}`];
}

/** The lines that carry out a rule's final action, and the files (fixed-response bodies) they read. */
function actionLines(model: LoadBalancerModel, ruleId: string, index: number, actions: Action[], files: Map<string, string>): string[] {
  const when = `{ var(txn.rule) -m int eq ${index} }`;
  const action = actions[actions.length - 1]!;
  if (action.Type === "redirect") return redirectLines(action, when);
  if (action.Type === "fixed-response") {
    const c = action.FixedResponseConfig!;
    const body = c.MessageBody ?? "";
    if (!body) return [`  http-request return status ${c.StatusCode} if ${when}`];
    const file = `${model.dir}/body-${ruleId}`;
    files.set(file, body);
    return [`  http-request return status ${c.StatusCode} content-type ${c.ContentType ?? "text/plain"} file ${file} if ${when}`];
  }
  // forward: one draw in [0, total weight) picks a target group; none with servers left gets ALB's 503.
  const groups = forwardTargets(action).filter((t) => t.weight > 0);
  const lines: string[] = [];
  if (groups.length === 0) return [`  http-request return status 503 content-type text/html file ${model.dir}/503.html if ${when}`];
  const total = groups.reduce((n, g) => n + g.weight, 0);
  let from = 0;
  for (const g of groups) {
    const range = groups.length > 1 ? ` { var(txn.weight) -m int ge ${from} } { var(txn.weight) -m int lt ${from + g.weight} }` : "";
    // Decided here, not with nbsrv at run time: a worker just started by a reload counts no server up for a moment.
    const backend = model.backends.get(g.arn);
    if (backend?.servers.some((s) => s.routable)) lines.push(`  use_backend ${backend.name} if ${when}${range}`);
    else lines.push(`  http-request return status 503 content-type text/html file ${model.dir}/503.html if ${when}${range}`);
    from += g.weight;
  }
  if (groups.length > 1) lines.unshift(`  http-request set-var(txn.weight) rand(${total}) if ${when}`);
  return lines;
}

export const ERROR_PAGE = (code: number, text: string) =>
  `<html>\r\n<head><title>${code} ${text}</title></head>\r\n<body>\r\n<center><h1>${code} ${text}</h1></center>\r\n</body>\r\n</html>\r\n`;

/** An errorfile: the whole HTTP response ALB sends for this status. */
export const errorResponse = (code: number, text: string) => {
  const page = ERROR_PAGE(code, text);
  return `HTTP/1.1 ${code} ${text}\r\nServer: awselb/2.0\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(page)}\r\nConnection: close\r\n\r\n${page}`;
};

export function renderConfig(model: LoadBalancerModel): { text: string; files: Map<string, string> } {
  const files = new Map<string, string>();
  files.set(`${model.dir}/503.html`, ERROR_PAGE(503, "Service Temporarily Unavailable"));
  // HAProxy answers 503 when it cannot connect to a server: ALB says 502 then.
  files.set(`${model.dir}/connect-failed.http`, errorResponse(502, "Bad Gateway"));
  files.set(`${model.dir}/502.http`, errorResponse(502, "Bad Gateway"));
  files.set(`${model.dir}/504.http`, errorResponse(504, "Gateway Time-out"));
  files.set(`${model.dir}/400.http`, errorResponse(400, "Bad Request"));
  const idle = model.idleTimeoutSeconds;
  const lines = [
    "global",
    "  master-worker",
    `  stats socket ${model.dir}/admin.sock mode 600 level admin expose-fd listeners`,
    // An old worker left by a reload serves its in-flight requests, for as long as deregistration delays may last.
    "  hard-stop-after 3700s",
    // Each connection takes two descriptors (client and server) within the 20,000 this machine kind allows a process.
    "  maxconn 8000",
    "defaults",
    "  mode http",
    "  option dontlognull",
    "  timeout connect 5s",
    `  timeout client ${idle}s`,
    `  timeout server ${idle}s`,
    `  timeout http-keep-alive ${idle}s`,
    "  timeout http-request 60s",
    "  retries 0",
    `  errorfile 400 ${model.dir}/400.http`,
    `  errorfile 502 ${model.dir}/502.http`,
    `  errorfile 503 ${model.dir}/connect-failed.http`,
    `  errorfile 504 ${model.dir}/504.http`,
    "",
  ];
  for (const l of model.listeners) {
    lines.push(`frontend listener_${l.port}`, `  bind ${model.address}:${l.port}`);
    lines.push("  option forwardfor");
    lines.push("  http-request set-header X-Forwarded-Proto http");
    lines.push("  http-request set-header X-Forwarded-Port %[dst_port]");
    lines.push("  http-request set-header X-Amzn-Trace-Id Root=1-%[date,hex,bytes(8,8),lower]-%[uuid,regsub(-,,g),bytes(0,24)] unless { req.hdr(x-amzn-trace-id) -m found }");
    l.rules.forEach((r, i) => {
      const acls = r.conditions.map((c, j) => {
        const name = `r${i + 1}_c${j}`;
        lines.push(`  acl ${name} ${conditionAcl(c)}`);
        return name;
      });
      lines.push(`  http-request set-var(txn.rule) int(${i + 1}) if !{ var(txn.rule) -m found } ${acls.join(" ")}`);
    });
    lines.push("  http-request set-var(txn.rule) int(0) if !{ var(txn.rule) -m found }");
    l.rules.forEach((r, i) => lines.push(...actionLines(model, `${l.port}-${r.priority}`, i + 1, r.actions, files)));
    lines.push(...actionLines(model, `${l.port}-default`, 0, l.defaultActions, files));
    lines.push("");
  }
  for (const be of model.backends.values()) {
    const balance = be.algorithm === "least_outstanding_requests" ? "leastconn" : be.algorithm === "weighted_random" ? "random" : "roundrobin";
    lines.push(`backend ${be.name}`, `  balance ${balance}`, "  http-reuse safe");
    if (be.stickinessSeconds) lines.push(`  cookie AWSALB insert indirect nocache maxlife ${be.stickinessSeconds}s`);
    if (be.slowStartSeconds) lines.push(`  default-server slowstart ${be.slowStartSeconds}s`);
    for (const s of be.servers) lines.push(`  server ${s.name} ${s.address}:${s.port}${be.stickinessSeconds ? ` cookie ${s.name}` : ""}${s.routable ? "" : " disabled"}`);
    lines.push("");
  }
  return { text: lines.join("\n"), files };
}
