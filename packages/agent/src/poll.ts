/** One long poll of the server for the tasks it wants on this instance. */
import { AGENT_POLL_PATH, type AgentPollRequest, type AgentPollResponse } from "@stevedore/shared";

/** How long past the requested wait the agent gives a poll before it takes the server for gone. */
const POLL_GRACE_MS = 10_000;

export async function pollDesiredState(endpoint: string, request: AgentPollRequest, signal: AbortSignal): Promise<AgentPollResponse> {
  const res = await fetch(`${endpoint.replace(/\/$/, "")}${AGENT_POLL_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(request),
    signal: AbortSignal.any([signal, AbortSignal.timeout((request.waitMs ?? 0) + POLL_GRACE_MS)]),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`poll answered HTTP ${res.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as AgentPollResponse;
}
