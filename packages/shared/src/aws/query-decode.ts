/**
 * The Query protocol's flat parameters (`Names.member.1=a`, EC2's `InstanceId.1=i-1`,
 * `Tags.member.1.Key=k`) turned back into the structure the model describes, with scalars read as
 * their shapes' types, so decode.ts checks them like a JSON body. The inverse of how the AWS SDKs
 * serialize Query (and EC2's variant of it) requests.
 */
import type { MemberRef, ServiceModel, Shape } from "./model.ts";

export type QueryFlavor = "query" | "ec2";

/** One level of the parameter names split at dots: `A.member.1.B` → A → member → 1 → B. */
interface Node {
  value?: string;
  children: Map<string, Node>;
}

/** Nesting deeper than any model goes is noise; it is dropped rather than walked. */
const MAX_KEY_PARTS = 32;

export function queryTree(params: Iterable<[string, string]>): Node {
  const root: Node = { children: new Map() };
  for (const [key, value] of params) {
    const parts = key.split(".");
    if (parts.length > MAX_KEY_PARTS) continue;
    let node = root;
    for (const part of parts) {
      let child = node.children.get(part);
      if (!child) node.children.set(part, (child = { children: new Map() }));
      node = child;
    }
    node.value = value;
  }
  return root;
}

/** The input structure for `shapeName` from a Query request's parameters (Action and Version are not members). */
export function queryInput(model: ServiceModel, shapeName: string, params: Iterable<[string, string]>, flavor: QueryFlavor): unknown {
  return fromNode(model, model.shapes[shapeName], queryTree(params), flavor);
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function wireName(model: ServiceModel, name: string, ref: MemberRef, flavor: QueryFlavor): string {
  if (flavor === "ec2") return ref.queryName ?? capitalize(ref.locationName ?? name);
  const shape = model.shapes[ref.shape];
  // A flattened list is named after its member (botocore's QuerySerializer does the same).
  if (shape?.type === "list" && (shape.flattened || ref.flattened) && shape.member?.locationName) return shape.member.locationName;
  return ref.locationName ?? name;
}

/** Children named 1, 2, 3... in numeric order. */
function indexed(node: Node | undefined): Node[] {
  if (!node) return [];
  return [...node.children.entries()]
    .filter(([k]) => /^[1-9]\d{0,5}$/.test(k))
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, v]) => v);
}

function fromNode(model: ServiceModel, shape: Shape | undefined, node: Node, flavor: QueryFlavor): unknown {
  if (!shape) return undefined;
  switch (shape.type) {
    case "structure": {
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const child = node.children.get(wireName(model, name, ref, flavor));
        if (child) out[name] = fromNode(model, model.shapes[ref.shape], child, flavor);
      }
      return out;
    }
    case "list": {
      // `Name=` with nothing under it is how the SDKs send an empty list.
      if (node.children.size === 0) return node.value === "" ? [] : node.value;
      const items = flavor === "ec2" || shape.flattened ? indexed(node) : indexed(node.children.get(shape.member?.locationName ?? "member"));
      return items.map((item) => fromNode(model, model.shapes[shape.member!.shape], item, flavor));
    }
    case "map": {
      const entries = shape.flattened ? indexed(node) : indexed(node.children.get("entry"));
      const out: Record<string, unknown> = {};
      for (const entry of entries) {
        const key = entry.children.get(shape.key?.locationName ?? "key")?.value;
        const value = entry.children.get(shape.value?.locationName ?? "value");
        if (key !== undefined && value) Object.defineProperty(out, key, { value: fromNode(model, model.shapes[shape.value!.shape], value, flavor), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    default:
      return scalar(shape, node.value);
  }
}

/** A Query scalar as its shape's type; what does not read as that type stays text for decode.ts to report. */
function scalar(shape: Shape, text: string | undefined): unknown {
  if (text === undefined) return undefined;
  switch (shape.type) {
    case "integer":
    case "long":
      return /^-?\d{1,16}$/.test(text) ? Number(text) : text;
    case "float":
    case "double":
      return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text) ? Number(text) : text;
    case "boolean":
      return text === "true" ? true : text === "false" ? false : text;
    default:
      return text;
  }
}
