/**
 * Query-protocol responses: an operation's output written as the XML AWS's model describes (member
 * names or their locationName, lists in <member> or, for EC2, <item>, flattened lists and maps), and
 * the error documents of the Query services and of EC2.
 */
import type { MemberRef, ServiceModel, Shape } from "@stevedore/shared/aws/model";
import type { Protocol } from "./service.ts";

export const xmlEscape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

export function outputXml(model: ServiceModel, operation: string, output: unknown, requestId: string, protocol: Protocol): string {
  const op = model.operations[operation]!;
  const xmlns = model.metadata.xmlNamespace ?? "";
  const body = op.output && output ? structure(model, model.shapes[op.output]!, output, protocol) : "";
  const inner =
    protocol === "ec2"
      ? `<requestId>${requestId}</requestId>${body}`
      : `${op.resultWrapper ? `<${op.resultWrapper}>${body}</${op.resultWrapper}>` : ""}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${xmlns}">${inner}</${operation}Response>`;
}

export function errorXml(protocol: Protocol, code: string, message: string, status: number, requestId: string, xmlns = ""): string {
  const head = `<?xml version="1.0" encoding="UTF-8"?>\n`;
  if (protocol === "ec2") {
    return `${head}<Response><Errors><Error><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
  }
  const type = status >= 500 ? "Receiver" : "Sender";
  return `${head}<ErrorResponse${xmlns ? ` xmlns="${xmlns}"` : ""}><Error><Type>${type}</Type><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

function structure(model: ServiceModel, shape: Shape, value: unknown, protocol: Protocol): string {
  if (typeof value !== "object" || value === null) return "";
  const record = value as Record<string, unknown>;
  let out = "";
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const v = record[name];
    if (v === undefined || v === null) continue;
    out += member(model, name, ref, v, protocol);
  }
  return out;
}

function member(model: ServiceModel, name: string, ref: MemberRef, value: unknown, protocol: Protocol): string {
  const shape = model.shapes[ref.shape]!;
  const tag = ref.locationName ?? name;
  if (shape.type === "list" && Array.isArray(value)) {
    const item = shape.member!;
    if (shape.flattened || ref.flattened) return value.map((v) => element(model, item.locationName ?? tag, item.shape, v, protocol)).join("");
    const itemTag = item.locationName ?? (protocol === "ec2" ? "item" : "member");
    return `<${tag}>${value.map((v) => element(model, itemTag, item.shape, v, protocol)).join("")}</${tag}>`;
  }
  return element(model, tag, ref.shape, value, protocol);
}

function element(model: ServiceModel, tag: string, shapeName: string, value: unknown, protocol: Protocol): string {
  return `<${tag}>${content(model, model.shapes[shapeName]!, value, protocol)}</${tag}>`;
}

function content(model: ServiceModel, shape: Shape, value: unknown, protocol: Protocol): string {
  switch (shape.type) {
    case "structure":
      return structure(model, shape, value, protocol);
    case "list": {
      const itemTag = shape.member!.locationName ?? (protocol === "ec2" ? "item" : "member");
      return Array.isArray(value) ? value.map((v) => element(model, itemTag, shape.member!.shape, v, protocol)).join("") : "";
    }
    case "map": {
      if (typeof value !== "object" || value === null) return "";
      const k = shape.key!.locationName ?? "key";
      const v = shape.value!.locationName ?? "value";
      return Object.entries(value as Record<string, unknown>)
        .map(([key, val]) => `<entry><${k}>${xmlEscape(key)}</${k}>${element(model, v, shape.value!.shape, val, protocol)}</entry>`)
        .join("");
    }
    case "timestamp":
      return value instanceof Date ? value.toISOString() : typeof value === "number" ? new Date(value * 1000).toISOString() : xmlEscape(String(value));
    case "blob":
      return value instanceof Uint8Array ? Buffer.from(value).toString("base64") : xmlEscape(String(value));
    default:
      return xmlEscape(String(value));
  }
}
