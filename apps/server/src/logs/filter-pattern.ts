/**
 * CloudWatch Logs filter patterns for unstructured lines: terms that must all appear, "quoted
 * phrases", -term exclusions, and ?term alternatives. An empty pattern matches every line.
 */
export function matchesFilterPattern(pattern: string, message: string): boolean {
  const terms = [...pattern.matchAll(/([?-]?)(?:"([^"]*)"|(\S+))/g)].map((m) => ({ mode: m[1], text: m[2] ?? m[3] ?? "" }));
  if (terms.length === 0) return true;
  const optional = terms.filter((t) => t.mode === "?");
  if (optional.length) return optional.some((t) => message.includes(t.text));
  return terms.every((t) => (t.mode === "-" ? !message.includes(t.text) : message.includes(t.text)));
}
