/** Container override inputs of the Run task page. Pure: unit-tested under apps/console/test. */

/**
 * The **Command override** field: a comma-separated list ("echo,hello world") as the console takes it,
 * where double quotes keep commas ("sh,-c,\"echo a, b\""), or a JSON array of strings.
 */
export function parseCommandOverride(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  if (trimmed.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((p) => typeof p === "string")) return parsed as string[];
    } catch {
      // not JSON: read it as a comma-separated list below
    }
  }
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < trimmed.length; i++) {
    const ch = trimmed[i]!;
    if (ch === "\\" && quoted && trimmed[i + 1] === '"') {
      current += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === "," && !quoted) {
      parts.push(current.trim());
      current = "";
    } else {
      current += ch;
    }
  }
  parts.push(current.trim());
  return parts.filter((p) => p.length > 0);
}

/** A command array back as the field shows it. */
export const formatCommand = (command: readonly string[] | undefined): string =>
  (command ?? []).map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '\\"')}"` : c)).join(",");

/** Environment rows of the form, without blank keys. */
export function environmentOverride(rows: readonly { key: string; value: string }[]): { name: string; value: string }[] {
  return rows.filter((r) => r.key.trim() !== "").map((r) => ({ name: r.key.trim(), value: r.value }));
}
