/** AWS list pagination: maxResults and an opaque nextToken (here, the offset it resumes at). */
import { invalidParameter } from "./errors.ts";

export function paginate<T>(items: T[], maxResults: unknown, nextToken: unknown, limit = 100): { page: T[]; nextToken?: string } {
  const max = maxResults === undefined ? limit : Number(maxResults);
  if (!Number.isInteger(max) || max < 1 || max > limit) throw invalidParameter(`maxResults must be between 1 and ${limit}.`);
  let start = 0;
  if (nextToken !== undefined && nextToken !== null && nextToken !== "") {
    start = Number(Buffer.from(String(nextToken), "base64url").toString("utf8"));
    if (!Number.isInteger(start) || start < 0) throw invalidParameter("Invalid nextToken.");
  }
  const page = items.slice(start, start + max);
  const next = start + max < items.length ? Buffer.from(String(start + max)).toString("base64url") : undefined;
  return next ? { page, nextToken: next } : { page };
}
