/** One long poll of the server for the tasks it wants on this instance. */
import { AGENT_POLL_PATH, type AgentPollRequest, type AgentPollResponse } from "@stevedore/shared";
import type { ServerLink } from "./server-link.ts";

/** How long past the requested wait the agent gives a poll before it takes the server for gone. */
const POLL_GRACE_MS = 10_000;

export async function pollDesiredState(link: ServerLink, request: AgentPollRequest, signal: AbortSignal): Promise<AgentPollResponse> {
  const url = `${link.endpoint.replace(/\/$/, "")}${AGENT_POLL_PATH}`;
  const body = JSON.stringify(request);
  const headers = { "content-type": "application/json" };
  const res = await fetch(url, {
    method: "POST",
    headers: { ...headers, ...(await link.headers({ url, headers, body })) },
    body,
    signal: AbortSignal.any([signal, AbortSignal.timeout((request.waitMs ?? 0) + POLL_GRACE_MS)]),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`poll answered HTTP ${res.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as AgentPollResponse;
}
