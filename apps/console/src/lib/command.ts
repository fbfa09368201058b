/**
 * List fields as the console takes them (Run task's **Command override**; a container's **Command**,
 * **Entry point**, **DNS servers**...) and environment rows. Pure: unit-tested under apps/console/test.
 */

/**
 * A comma-separated list ("echo,hello world"), where double quotes keep commas
 * ("sh,-c,\"echo a, b\""), or a JSON array of strings.
 */
export function parseList(text: string): string[] | undefined {
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

/**
 * A list back as the field shows it: comma-separated, or a JSON array when the comma form would lose
 * something (an empty list, an empty item, spaces around an item).
 */
export function formatList(list: readonly string[] | undefined): string {
  if (!list) return "";
  if (list.length === 0 || list.some((item) => item === "" || item !== item.trim())) return JSON.stringify(list);
  return list.map((item) => (/[",]/.test(item) ? `"${item.replace(/"/g, '\\"')}"` : item)).join(",");
}

/** Environment rows of the form, without blank keys. */
export function environmentOverride(rows: readonly { key: string; value: string }[]): { name: string; value: string }[] {
  return rows.filter((r) => r.key.trim() !== "").map((r) => ({ name: r.key.trim(), value: r.value }));
}
