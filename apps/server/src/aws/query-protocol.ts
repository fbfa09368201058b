/**
 * The AWS Query protocol (Auto Scaling, EC2): form-encoded `Action=...&Version=...` requests and XML
 * responses. Lists arrive flattened (`Names.member.1`, EC2's `InstanceId.1`).
 */
import type { Request, Response } from "express";
import { AwsError } from "./errors.ts";
import { toAwsError } from "./json-protocol.ts";
import type { Action, ActionContext } from "./context.ts";

export interface QueryService {
  version: string;
  xmlns: string;
  actions: Record<string, Action<QueryParams, XmlNode>>;
}

/** Flat Query parameters with helpers to read the list and scalar forms. */
export class QueryParams {
  constructor(private readonly fields: Map<string, string>) {}

  string(name: string): string | undefined {
    return this.fields.get(name);
  }

  required(name: string): string {
    const v = this.fields.get(name);
    if (v === undefined || v === "") throw new AwsError("ValidationError", `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`);
    return v;
  }

  int(name: string): number | undefined {
    const v = this.fields.get(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n)) throw new AwsError("ValidationError", `Value '${v}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must be an integer`);
    return n;
  }

  bool(name: string): boolean | undefined {
    const v = this.fields.get(name);
    return v === undefined ? undefined : v === "true";
  }

  /** `Name.member.N` (Auto Scaling) or `Name.N` (EC2), in index order. */
  list(name: string): string[] {
    return this.indexed(name).map(([, v]) => v);
  }

  /** Structures in a list, e.g. `Tags.member.1.Key`: one record of sub-fields per index. */
  structs(name: string): Record<string, string>[] {
    const byIndex = new Map<number, Record<string, string>>();
    for (const [key, value] of this.fields) {
      const m = new RegExp(`^${escape(name)}\\.(?:member\\.)?(\\d+)\\.(.+)$`).exec(key);
      if (!m) continue;
      const i = Number(m[1]);
      const entry = byIndex.get(i) ?? {};
      entry[m[2]!] = value;
      byIndex.set(i, entry);
    }
    return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
  }

  private indexed(name: string): [number, string][] {
    const out: [number, string][] = [];
    for (const [key, value] of this.fields) {
      const m = new RegExp(`^${escape(name)}\\.(?:member\\.)?(\\d+)$`).exec(key);
      if (m) out.push([Number(m[1]), value]);
    }
    return out.sort(([a], [b]) => a - b);
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** An XML element: its children by name (arrays become <member>/<item> lists), or a scalar. */
export type XmlNode = string | number | boolean | Date | null | undefined | XmlNode[] | { [name: string]: XmlNode };

export function isQueryRequest(req: Request): boolean {
  return String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");
}

export function readQueryParams(req: Request): QueryParams {
  const text = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
  const merged = new URLSearchParams(text);
  for (const [k, v] of Object.entries(req.query)) if (typeof v === "string" && !merged.has(k)) merged.set(k, v);
  return new QueryParams(new Map(merged));
}

export async function handleQueryRequest(
  res: Response,
  params: QueryParams,
  services: QueryService[],
  ctx: ActionContext,
): Promise<void> {
  const actionName = params.string("Action") ?? "";
  const version = params.string("Version");
  const service = services.find((s) => s.version === version && s.actions[actionName]) ?? services.find((s) => s.actions[actionName]);
  const requestId = crypto.randomUUID();
  res.type("text/xml");
  try {
    if (!service) throw new AwsError("InvalidAction", `The action ${actionName} is not valid for this web service.`);
    const result = await service.actions[actionName]!(params, ctx);
    const ec2Style = service.version === "2016-11-15";
    const body = ec2Style
      ? `${toXml(result, "item")}<requestId>${requestId}</requestId>`
      : `${result === undefined ? "" : `<${actionName}Result>${toXml(result, "member")}</${actionName}Result>`}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>`;
    res.status(200).send(`<?xml version="1.0" encoding="UTF-8"?>\n<${actionName}Response xmlns="${service.xmlns}">${body}</${actionName}Response>`);
  } catch (err) {
    const e = toAwsError(err);
    const type = e.status >= 500 ? "Receiver" : "Sender";
    res.status(e.status).send(
      `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse><Error><Type>${type}</Type><Code>${e.code}</Code><Message>${xmlEscape(e.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    );
  }
}

export function toXml(node: XmlNode, listItem: "member" | "item"): string {
  if (node === null || node === undefined) return "";
  if (node instanceof Date) return node.toISOString();
  if (Array.isArray(node)) return node.map((n) => `<${listItem}>${toXml(n, listItem)}</${listItem}>`).join("");
  if (typeof node === "object") {
    return Object.entries(node)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toXml(v, listItem)}</${k}>`)
      .join("");
  }
  return xmlEscape(String(node));
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
