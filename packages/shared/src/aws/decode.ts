/**
 * Decoding a request's input against AWS's own model of it: the typed edge. A JSON body (or the tree a
 * Query request makes, see query-decode.ts) is checked member by member against the operation's input
 * shape (types, required members, enums, lengths, ranges, patterns) and comes out as a typed value with
 * nothing the model does not name. Problems are reported as AWS services word them:
 * "Value 'x' at 'containerDefinitions.1.member.name' failed to satisfy constraint: Member must ...".
 */
import type { MemberRef, ServiceModel, Shape } from "./model.ts";

export interface DecodeIssue {
  /** Where, as AWS writes it: `tags.1.member.key`. */
  path: string;
  /** Where, as members and 0-based indexes: ["tags", 0, "key"] (for forms). */
  at: (string | number)[];
  value: unknown;
  /** What it fails, in AWS's words: "Member must not be null". */
  constraint: string;
}

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; issues: DecodeIssue[] };

export interface DecodeOptions {
  /** Report members the model does not name instead of dropping them (the console's JSON editor). */
  strict?: boolean;
  /**
   * How issues name where they are: "json" as JSON services do (`tags.1.member.key`), "query" as the
   * Query services' ValidationError does (`tags.1.member.key` with lower-case first letters), "wire"
   * as the parameter is named in the request (`Tags.member.1.Key`, CloudWatch's messages).
   */
  paths?: "json" | "query" | "wire";
}

const MAX_ISSUES = 10;
const INT32 = 2 ** 31;
const compiledPatterns = new Map<string, RegExp>();

export function decodeShape<T>(model: ServiceModel, shapeName: string, value: unknown, options: DecodeOptions = {}): DecodeResult<T> {
  const issues: DecodeIssue[] = [];
  const out = new Decoder(model, options, issues).shape(shapeName, value, "", []);
  return issues.length ? { ok: false, issues } : { ok: true, value: out as T };
}

/** AWS's one-line summary of the issues: "2 validation errors detected: ...; ...". */
export function validationMessage(issues: readonly DecodeIssue[]): string {
  const parts = issues.map((i) => `Value ${render(i.value)} at '${i.path}' failed to satisfy constraint: ${i.constraint}`);
  return `${issues.length} validation error${issues.length === 1 ? "" : "s"} detected: ${parts.join("; ")}`;
}

function render(value: unknown): string {
  if (value === null || value === undefined) return "null";
  let text: string;
  try {
    text = typeof value === "string" ? value : JSON.stringify(value);
  } catch {
    text = String(value);
  }
  return `'${text.length > 100 ? `${text.slice(0, 100)}...` : text}'`;
}

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);
type Seg = (string | number)[];

class Decoder {
  constructor(
    private readonly model: ServiceModel,
    private readonly options: DecodeOptions,
    private readonly issues: DecodeIssue[],
  ) {}

  private issue(path: string, at: Seg, value: unknown, constraint: string): undefined {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ path: path || "input", at, value, constraint });
    return undefined;
  }

  private full(): boolean {
    return this.issues.length >= MAX_ISSUES;
  }

  shape(shapeName: string, value: unknown, path: string, at: Seg): unknown {
    const shape = this.model.shapes[shapeName];
    if (!shape) return this.issue(path, at, value, "Member is not part of the API");
    switch (shape.type) {
      case "structure":
        return shape.document ? value : this.structure(shape, value, path, at);
      case "list":
        return this.list(shape, value, path, at);
      case "map":
        return this.map(shape, value, path, at);
      case "string":
        return this.string(shape, value, path, at);
      case "integer":
      case "long":
        return this.integer(shape, value, path, at);
      case "float":
      case "double":
        return typeof value === "number" && Number.isFinite(value) ? this.range(shape, value, path, at) : this.issue(path, at, value, "Member must be a number");
      case "boolean":
        return typeof value === "boolean" ? value : this.issue(path, at, value, "Member must be a boolean");
      case "timestamp":
        return this.timestamp(value, path, at);
      case "blob":
        return this.blob(value, path, at);
    }
  }

  private member(ref: MemberRef, value: unknown, path: string, at: Seg): unknown {
    return this.shape(ref.shape, value, path, at);
  }

  private structure(shape: Shape, value: unknown, path: string, at: Seg): unknown {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return this.issue(path, at, value, "Member must be a structure");
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const members = shape.members ?? {};
    const name = (m: string) => (this.options.paths === "query" ? m.charAt(0).toLowerCase() + m.slice(1) : m);
    for (const required of shape.required ?? []) {
      if (input[required] === undefined || input[required] === null) this.issue(join(path, name(required)), [...at, required], null, "Member must not be null");
    }
    for (const key of Object.keys(input)) {
      if (this.full()) break;
      const v = input[key];
      if (!Object.hasOwn(members, key)) {
        if (this.options.strict) this.issue(join(path, key), [...at, key], v, "Member is not a field of this structure");
        continue;
      }
      // AWS reads an explicit null as an absent member.
      if (v === null || v === undefined) continue;
      const decoded = this.member(members[key]!, v, join(path, name(key)), [...at, key]);
      if (decoded !== undefined) out[key] = decoded;
    }
    return out;
  }

  private list(shape: Shape, value: unknown, path: string, at: Seg): unknown {
    if (!Array.isArray(value)) return this.issue(path, at, value, "Member must be a list");
    if (!this.length(shape, value.length, value, path, at)) return undefined;
    const out: unknown[] = [];
    for (let i = 0; i < value.length && !this.full(); i++) {
      const item = value[i];
      const itemPath = this.options.paths === "wire" ? `${path}.member.${i + 1}` : `${path}.${i + 1}.member`;
      if (item === null || item === undefined) {
        this.issue(itemPath, [...at, i], null, "Member must not be null");
        continue;
      }
      out.push(this.member(shape.member!, item, itemPath, [...at, i]));
    }
    return out;
  }

  private map(shape: Shape, value: unknown, path: string, at: Seg): unknown {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return this.issue(path, at, value, "Member must be a map");
    const entries = Object.entries(value as Record<string, unknown>);
    if (!this.length(shape, entries.length, value, path, at)) return undefined;
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      if (this.full()) break;
      this.member(shape.key!, k, `${path}.${k}.key`, [...at, k]);
      // Own data properties only: a key such as __proto__ is stored, never followed.
      Object.defineProperty(out, k, { value: this.member(shape.value!, v, `${path}.${k}.value`, [...at, k]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  private string(shape: Shape, value: unknown, path: string, at: Seg): unknown {
    if (typeof value !== "string") return this.issue(path, at, value, "Member must be a string");
    if (shape.enum && !shape.enum.includes(value)) return this.issue(path, at, value, `Member must satisfy enum value set: [${shape.enum.join(", ")}]`);
    if (!this.length(shape, [...value].length, value, path, at)) return undefined;
    if (shape.pattern !== undefined && !pattern(shape.pattern).test(value)) {
      return this.issue(path, at, value, `Member must satisfy regular expression pattern: ${shape.pattern}`);
    }
    return value;
  }

  private integer(shape: Shape, value: unknown, path: string, at: Seg): unknown {
    if (typeof value !== "number" || !Number.isInteger(value)) return this.issue(path, at, value, "Member must be an integer");
    const limit = shape.type === "integer" ? INT32 : Number.MAX_SAFE_INTEGER;
    if (value >= limit || value < -limit) return this.issue(path, at, value, `Member must have value less than or equal to ${shape.type === "integer" ? INT32 - 1 : limit}`);
    return this.range(shape, value, path, at);
  }

  private range(shape: Shape, value: number, path: string, at: Seg): unknown {
    if (shape.min !== undefined && value < shape.min) return this.issue(path, at, value, `Member must have value greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && value > shape.max) return this.issue(path, at, value, `Member must have value less than or equal to ${shape.max}`);
    return value;
  }

  private length(shape: Shape, length: number, value: unknown, path: string, at: Seg): boolean {
    const broken =
      shape.min !== undefined && length < shape.min
        ? `Member must have length greater than or equal to ${shape.min}`
        : shape.max !== undefined && length > shape.max
          ? `Member must have length less than or equal to ${shape.max}`
          : undefined;
    if (broken) this.issue(path, at, value, broken);
    return !broken;
  }

  /** Epoch seconds (JSON) or an ISO 8601 text (Query, and SDKs that send one). */
  private timestamp(value: unknown, path: string, at: Seg): unknown {
    const date =
      typeof value === "number" && Number.isFinite(value)
        ? new Date(value * 1000)
        : typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value)
          ? new Date(value)
          : typeof value === "string" && /^\d+(\.\d+)?$/.test(value)
            ? new Date(Number(value) * 1000)
            : undefined;
    if (!date || Number.isNaN(date.getTime())) return this.issue(path, at, value, "Member must be a timestamp");
    return date;
  }

  private blob(value: unknown, path: string, at: Seg): unknown {
    if (typeof value !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) return this.issue(path, at, value, "Member must be base64-encoded binary data");
    const text = atob(value);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }
}

/** AWS's patterns must match the whole value. */
function pattern(source: string): RegExp {
  let re = compiledPatterns.get(source);
  if (!re) {
    re = new RegExp(`^(?:${source})$`, "u");
    compiledPatterns.set(source, re);
  }
  return re;
}
