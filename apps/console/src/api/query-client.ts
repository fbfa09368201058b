/** A small AWS Query protocol client: form-encoded POST /, XML answers read with DOMParser. */
import { AwsApiError } from "@stevedore/shared";
import { endpoint } from "./endpoint.ts";
import { encodeQuery, type ListStyle, type QueryValue } from "./query-encoding.ts";

/** Direct child elements named `name` (namespace-blind). */
export function children(el: Element | null | undefined, name: string): Element[] {
  if (!el) return [];
  return Array.from(el.children).filter((c) => c.localName === name);
}

export const child = (el: Element | null | undefined, name: string): Element | undefined => children(el, name)[0];

/** The text of a direct child, or undefined when it is absent. */
export function text(el: Element | null | undefined, name: string): string | undefined {
  const c = child(el, name);
  return c ? (c.textContent ?? "") : undefined;
}

export function num(el: Element | null | undefined, name: string): number | undefined {
  const t = text(el, name);
  return t === undefined || t === "" ? undefined : Number(t);
}

/** Children at the end of a path of element names: path(root, "A", "member") → every A/member. */
export function path(el: Element | null | undefined, ...names: string[]): Element[] {
  let current: Element[] = el ? [el] : [];
  for (const name of names) current = current.flatMap((c) => children(c, name));
  return current;
}

/** The first descendant named `name` (namespace-blind). */
function first(doc: Document, name: string): Element | undefined {
  return Array.from(doc.getElementsByTagName("*")).find((e) => e.localName === name);
}

export async function callQuery(
  action: string,
  version: string,
  params: Record<string, QueryValue>,
  listStyle: ListStyle = "member",
  signal?: AbortSignal,
): Promise<Element> {
  const res = await fetch(`${endpoint()}/`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body: encodeQuery(action, version, params, listStyle),
    signal,
  });
  const body = await res.text();
  const doc = body ? new DOMParser().parseFromString(body, "application/xml") : undefined;
  const root = doc?.documentElement;
  const parseError = doc && first(doc, "parsererror");
  if (!res.ok || !root || parseError || root.localName === "ErrorResponse" || root.localName === "Response") {
    // Auto Scaling: <ErrorResponse><Error><Code/><Message/></Error></ErrorResponse>;
    // EC2: <Response><Errors><Error><Code/><Message/></Error></Errors></Response>.
    const error = doc && !parseError ? first(doc, "Error") : undefined;
    const code = text(error, "Code") ?? (res.ok ? "InvalidResponse" : `HTTP${res.status}`);
    const message = text(error, "Message") ?? (body.slice(0, 200) || res.statusText);
    throw new AwsApiError(code, message, res.status);
  }
  return root;
}
