/**
 * Step 1 of ECS placement: can this instance take the task at all? Each check answers one question and
 * names its reason as RunTask's failures do.
 */
import type { CandidateInstance, PlacementFailure, TaskDemand } from "./types.ts";

export function rejection(instance: CandidateInstance, demand: TaskDemand): PlacementFailure["reason"] | undefined {
  if (instance.status !== "ACTIVE") return "INACTIVE";
  if (!instance.agentConnected) return "AGENT";
  if (demand.cpu > instance.remaining.cpu) return "RESOURCE:CPU";
  if (demand.memory > instance.remaining.memory) return "RESOURCE:MEMORY";
  if (demand.tcpPorts.some((p) => instance.remaining.tcpPorts.has(p))) return "RESOURCE:PORTS";
  if (demand.udpPorts.some((p) => instance.remaining.udpPorts.has(p))) return "RESOURCE:PORTS";
  return undefined;
}
