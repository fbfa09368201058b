/**
 * Request bodies for fuzzing, generated from AWS's model of each operation's input: mostly well-formed
 * values of the right shapes (so requests reach the handlers), with the mistakes clients and hostile
 * pages make mixed in: wrong types, missing and extra members, huge and unicode strings, negative, huge
 * and fractional numbers, deep nesting, truncated bodies.
 */
import type { ServiceModel } from "@stevedore/shared/aws/model";

export type Random = () => number;

/** mulberry32: a small seeded generator, so a failing run can be replayed from its printed seed. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const STRINGS = ["", "a", "default", "web", "ACTIVE", "arn:aws:ecs:us-east-1:123456789012:cluster/default", "../../etc/passwd", "名前", "🚢", "x".repeat(300), "a b", "%00", "<script>", "${jndi}", "constructor", "__proto__"];
const NUMBERS = [0, 1, -1, 10, 2 ** 31, -(2 ** 53), 1.5, 1e308, 65536];

function wrongType(r: Random): unknown {
  return pick(r, [true, 12, "text", [], {}, [1, "x"], { nested: { deep: true } }]);
}

/** A value for `shapeName`: of its type most of the time, sometimes not. */
export function fuzzValue(model: ServiceModel, shapeName: string, r: Random, depth = 0): unknown {
  const shape = model.shapes[shapeName];
  if (!shape || depth > 6) return undefined;
  if (r() < 0.06) return wrongType(r);
  switch (shape.type) {
    case "structure": {
      if (shape.document) return { any: "document" };
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const required = shape.required?.includes(name);
        if ((required && r() < 0.95) || r() < 0.35) out[name] = fuzzValue(model, ref.shape, r, depth + 1);
      }
      if (r() < 0.1) out[pick(r, ["extra", "__proto__", "constructor", "Extra.Member"])] = pick(r, STRINGS);
      return out;
    }
    case "list": {
      // Long lists near the top only: EC2's deep launch data nested 200 × 200 would pass the server's
      // 8 MB body limit, whose refusal (413, then a reset of the still-sending client) limits.test covers.
      const n = r() < 0.05 && depth < 2 ? 200 : Math.floor(r() * 3);
      return Array.from({ length: n }, () => fuzzValue(model, shape.member!.shape, r, depth + 1));
    }
    case "map": {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < Math.floor(r() * 3); i++) out[pick(r, STRINGS)] = fuzzValue(model, shape.value!.shape, r, depth + 1);
      return out;
    }
    case "string":
      if (shape.enum && r() < 0.8) return pick(r, shape.enum);
      return r() < 0.02 && depth < 3 ? "ß".repeat(100_000) : pick(r, STRINGS);
    case "integer":
    case "long":
      return r() < 0.5 && shape.min !== undefined ? shape.min + Math.floor(r() * 5) : pick(r, NUMBERS);
    case "float":
    case "double":
      return pick(r, NUMBERS);
    case "boolean":
      return r() < 0.5;
    case "timestamp":
      return pick(r, [1_700_000_000, -1, 1e15, "2026-12-07T10:00:00Z", "yesterday"]);
    case "blob":
      return pick(r, ["aGVsbG8=", "!!not base64!!", ""]);
  }
}

/** A JSON 1.1 body: the generated input as JSON, or (now and then) text that is not a JSON object. */
export function fuzzJsonBody(model: ServiceModel, inputShape: string | undefined, r: Random): string {
  const roll = r();
  if (roll < 0.05) return JSON.stringify(fuzzValue(model, inputShape ?? "", r)).slice(0, Math.floor(r() * 20));
  if (roll < 0.08) return pick(r, ["NaN", "[]", "null", "42", '"text"', "{", "\u0000", "{\"a\":1e999}"]);
  // Nested deeper than any model goes (and than JSON.stringify could write).
  if (roll < 0.1) return `{"deep":${"[".repeat(5000)}1${"]".repeat(5000)}}`;
  return JSON.stringify(inputShape ? fuzzValue(model, inputShape, r) : {});
}

/** A Query body: the generated input flattened as the SDKs do, or (now and then) garbage. */
export function fuzzQueryBody(model: ServiceModel, operation: string, inputShape: string | undefined, r: Random, ec2: boolean): string {
  const params = new URLSearchParams({ Action: operation, Version: model.metadata.apiVersion });
  const add = (prefix: string, value: unknown) => {
    if (Array.isArray(value)) value.forEach((v, i) => add(ec2 ? `${prefix}.${i + 1}` : `${prefix}.member.${i + 1}`, v));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) add(prefix ? `${prefix}.${k}` : k, v);
    else if (value !== undefined) params.append(prefix, String(value));
  };
  if (inputShape) add("", fuzzValue(model, inputShape, r));
  const text = params.toString();
  const roll = r();
  if (roll < 0.05) return text.slice(0, Math.floor(r() * text.length));
  if (roll < 0.08) return `${text}&${"A.".repeat(2000)}1=x`;
  if (roll < 0.1) return `${text}&%zz=%E0%A4%A`;
  return text;
}
