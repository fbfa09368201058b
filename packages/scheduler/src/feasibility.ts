/**
 * Step 1 of ECS placement: can this instance run the task at all? One check per question, each naming
 * its reason as RunTask's failures do and carrying the numbers behind it.
 */
import type { Check } from "./check.ts";
import type { InstanceState } from "./state.ts";
import type { TaskDemand } from "./types.ts";

export function feasibilityChecks(demand: TaskDemand): Check[] {
  const required = demand.requiresAttributes ?? [];
  const hasPorts = demand.tcpPorts.length + demand.udpPorts.length > 0;
  return [
    { static: true, run: (s) => (s.instance.status === "ACTIVE" ? undefined : { reason: "INACTIVE" }) },
    { static: true, run: (s) => (s.instance.agentConnected ? undefined : { reason: "AGENT" }) },
    {
      static: true,
      run: (s) =>
        required.every((a) => (a.value === undefined ? s.instance.attributes[a.name] !== undefined : s.instance.attributes[a.name] === a.value))
          ? undefined
          : { reason: "ATTRIBUTE" },
    },
    { static: false, run: (s) => (demand.cpu > s.cpu ? { reason: "RESOURCE:CPU", requested: demand.cpu, available: s.cpu } : undefined) },
    {
      static: false,
      run: (s) => (demand.memory > s.memory ? { reason: "RESOURCE:MEMORY", requested: demand.memory, available: s.memory } : undefined),
    },
    {
      static: false,
      run: (s) => {
        if (!hasPorts) return undefined;
        const ports = usedPorts(s, demand);
        return ports.length ? { reason: "RESOURCE:PORTS", ports } : undefined;
      },
    },
    {
      // Static: no instance type here has GPUs to hand out, so one call cannot use them up.
      static: true,
      run: (s) => ((demand.gpus ?? 0) > (s.instance.remaining.gpus ?? 0) ? { reason: "RESOURCE:GPU", requested: demand.gpus, available: s.instance.remaining.gpus ?? 0 } : undefined),
    },
  ];
}

/** The task's static host ports already bound on the instance; a task this call placed holds all of them. */
function usedPorts(s: InstanceState, demand: TaskDemand): number[] {
  if (s.placed > 0) return [...demand.tcpPorts, ...demand.udpPorts];
  const { tcpPorts, udpPorts } = s.instance.remaining;
  return [...demand.tcpPorts.filter((p) => tcpPorts.has(p)), ...demand.udpPorts.filter((p) => udpPorts.has(p))];
}
