/**
 * AWS Query protocol encoding (Auto Scaling, EC2), pure so it is unit-tested under apps/console/test.
 * Auto Scaling writes lists as `Name.member.N`; EC2 writes them as `Name.N`.
 */
export type QueryValue = string | number | boolean | undefined | null | readonly string[];
export type ListStyle = "member" | "flat";

export function encodeQuery(
  action: string,
  version: string,
  params: Record<string, QueryValue>,
  listStyle: ListStyle = "member",
): string {
  const body = new URLSearchParams();
  body.set("Action", action);
  body.set("Version", version);
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      (value as readonly string[]).forEach((item, i) => {
        body.append(listStyle === "member" ? `${key}.member.${i + 1}` : `${key}.${i + 1}`, item);
      });
    } else {
      body.append(key, String(value));
    }
  }
  return body.toString();
}

/** EC2's filters: `Filter.N.Name` and `Filter.N.Value.M` (`{ "default-for-az": ["true"] }`). */
export function ec2Filters(filters: Record<string, readonly string[]>): Record<string, string> {
  const params: Record<string, string> = {};
  Object.entries(filters).forEach(([name, values], i) => {
    params[`Filter.${i + 1}.Name`] = name;
    values.forEach((v, j) => (params[`Filter.${i + 1}.Value.${j + 1}`] = v));
  });
  return params;
}
