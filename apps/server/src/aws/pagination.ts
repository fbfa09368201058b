/** AWS list pagination: maxResults and an opaque nextToken (here, the offset it resumes at). */
import { invalidParameter } from "./errors.ts";

/** Where a page starts and how long it is, from the request's maxResults and nextToken. */
export function pageWindow(maxResults: unknown, nextToken: unknown, limit = 100): { start: number; max: number } {
  const max = maxResults === undefined ? limit : Number(maxResults);
  if (!Number.isInteger(max) || max < 1 || max > limit) throw invalidParameter(`maxResults must be between 1 and ${limit}.`);
  let start = 0;
  if (nextToken !== undefined && nextToken !== null && nextToken !== "") {
    start = Number(Buffer.from(String(nextToken), "base64url").toString("utf8"));
    if (!Number.isInteger(start) || start < 0) throw invalidParameter("Invalid nextToken.");
  }
  return { start, max };
}

/** The token of the page after `start`'s, when there are more items. */
export const tokenAfter = (start: number, max: number, more: boolean): string | undefined => (more ? Buffer.from(String(start + max)).toString("base64url") : undefined);

export function paginate<T>(items: T[], maxResults: unknown, nextToken: unknown, limit = 100): { page: T[]; nextToken?: string } {
  const { start, max } = pageWindow(maxResults, nextToken, limit);
  const page = items.slice(start, start + max);
  const next = tokenAfter(start, max, start + max < items.length);
  return next ? { page, nextToken: next } : { page };
}
