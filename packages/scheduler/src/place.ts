/**
 * Places `count` tasks: feasibility (CPU, memory, ports, agent), then constraints, then strategies,
 * then a seeded random pick among ties. Each placement consumes resources before the next task.
 */
import { rejection } from "./feasibility.ts";
import { narrow } from "./strategies.ts";
import type { CandidateInstance, PlacementFailure, PlacementRequest, PlacementResult } from "./types.ts";

export function placeTasks(request: PlacementRequest): PlacementResult {
  const { demand, strategies, constraints, random } = request;
  const instances = request.instances.map(cloneInstance);
  const placements: string[] = [];
  for (let n = 0; n < request.count; n++) {
    const failures: PlacementFailure[] = [];
    const feasible: CandidateInstance[] = [];
    for (const instance of instances) {
      const reason = rejection(instance, demand) ?? constraintRejection(instance, constraints, demand.group);
      if (reason) failures.push({ arn: instance.arn, reason });
      else feasible.push(instance);
    }
    if (feasible.length === 0) return { placements, failures };
    let ranked = feasible;
    for (const strategy of strategies) ranked = narrow(ranked, strategy, instances, demand.group, random);
    const chosen = ranked.length === 1 ? ranked[0]! : ranked[Math.floor(random() * ranked.length)]!;
    consume(chosen, demand);
    placements.push(chosen.id);
  }
  return { placements, failures: [] };
}

function constraintRejection(
  instance: CandidateInstance,
  constraints: PlacementRequest["constraints"],
  group: string,
): PlacementFailure["reason"] | undefined {
  for (const c of constraints) {
    if (c.type === "distinctInstance" && (instance.groupCounts[group] ?? 0) > 0) {
      return "DistinctInstance placement constraint unsatisfied.";
    }
  }
  return undefined;
}

type MutableInstance = CandidateInstance & {
  remaining: { cpu: number; memory: number; tcpPorts: Set<number>; udpPorts: Set<number> };
  groupCounts: Record<string, number>;
};

function cloneInstance(i: CandidateInstance): MutableInstance {
  return {
    ...i,
    remaining: { cpu: i.remaining.cpu, memory: i.remaining.memory, tcpPorts: new Set(i.remaining.tcpPorts), udpPorts: new Set(i.remaining.udpPorts) },
    groupCounts: { ...i.groupCounts },
  };
}

function consume(instance: CandidateInstance, demand: PlacementRequest["demand"]): void {
  const m = instance as MutableInstance;
  m.remaining.cpu -= demand.cpu;
  m.remaining.memory -= demand.memory;
  for (const p of demand.tcpPorts) m.remaining.tcpPorts.add(p);
  for (const p of demand.udpPorts) m.remaining.udpPorts.add(p);
  m.groupCounts[demand.group] = (m.groupCounts[demand.group] ?? 0) + 1;
}
