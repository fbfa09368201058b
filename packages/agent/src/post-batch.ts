/**
 * One POST of a batch to the server (logs, stats), and what to do next: the server took it, refused it
 * (drop it), or could not take it now (network, 5xx, 408, 429: retry with backoff).
 */
import { errorText, type Logger } from "./log.ts";
import type { ServerLink } from "./server-link.ts";

const POST_TIMEOUT_MS = 10_000;
const RETRY_MAX_MS = 10_000;

export type PostOutcome = "sent" | "refused" | "retry";

export interface PostBatch {
  link: ServerLink;
  path: string;
  body: unknown;
  signal: AbortSignal;
  log: Logger;
  /** What the batch holds, for the log lines: "container logs", "container stats". */
  what: string;
  fields: Record<string, unknown>;
}

export async function postBatch(p: PostBatch): Promise<PostOutcome> {
  try {
    const url = `${p.link.endpoint.replace(/\/$/, "")}${p.path}`;
    const body = JSON.stringify(p.body);
    const headers = { "content-type": "application/json" };
    const res = await fetch(url, {
      method: "POST",
      headers: { ...headers, ...(await p.link.headers({ url, headers, body })) },
      body,
      signal: AbortSignal.any([p.signal, AbortSignal.timeout(POST_TIMEOUT_MS)]),
    });
    const text = await res.text();
    if (res.ok) return "sent";
    if (res.status >= 500 || res.status === 408 || res.status === 429) {
      p.log.warn(`Server could not take ${p.what}; retrying`, { ...p.fields, status: res.status });
      return "retry";
    }
    p.log.warn(`Server refused ${p.what}; dropping them`, { ...p.fields, status: res.status, error: text.slice(0, 200) });
    return "refused";
  } catch (err) {
    if (!p.signal.aborted) p.log.warn(`Could not send ${p.what}; retrying`, { ...p.fields, error: errorText(err) });
    return "retry";
  }
}

/** Backoff after consecutive failed sends: 1 s, 2 s, 4 s, ... up to 10 s. */
export const retryDelay = (failures: number) => Math.min(1000 * 2 ** (failures - 1), RETRY_MAX_MS);
