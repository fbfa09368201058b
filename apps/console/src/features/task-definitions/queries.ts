/** Task definition reads: families with their latest revision, a family's revisions, one revision and its tasks. */
import { useQuery } from "@tanstack/react-query";
import {
  describeTaskDefinition,
  listClusters,
  listTaskDefinitionFamilies,
  listTaskDefinitions,
  type TaskDefinitionStatus,
} from "../../api/ecs.ts";
import { LIVE_INTERVAL_MS, queryKeys } from "../../api/query-keys.ts";
import { splitTaskDefinitionRef, taskDefinitionRef } from "../../lib/format.ts";
import { fetchClusterTasks, newestFirst } from "../tasks/queries.ts";

export interface FamilyRow {
  family: string;
  /** "family:rev" of the newest revision with the listed status. */
  latest?: string;
  latestRevision?: number;
}

export interface RevisionRow {
  arn: string;
  ref: string;
  revision: number;
  status: TaskDefinitionStatus;
}

function parseRevision(arn: string) {
  const ref = taskDefinitionRef(arn);
  const { family, revision } = splitTaskDefinitionRef(ref);
  return { ref, family, revision: Number(revision) };
}

export function useTaskDefinitionFamilies(status: TaskDefinitionStatus) {
  return useQuery({
    queryKey: queryKeys.taskDefinitions.families(status),
    queryFn: async ({ signal }): Promise<FamilyRow[]> => {
      const [families, arns] = await Promise.all([
        listTaskDefinitionFamilies(status, signal),
        listTaskDefinitions({ status, sort: "DESC" }, signal),
      ]);
      const latest = new Map<string, { ref: string; revision: number }>();
      for (const arn of arns) {
        const r = parseRevision(arn);
        const seen = latest.get(r.family);
        if (!seen || r.revision > seen.revision) latest.set(r.family, r);
      }
      return families
        .map((family) => ({ family, latest: latest.get(family)?.ref, latestRevision: latest.get(family)?.revision }))
        .sort((a, b) => a.family.localeCompare(b.family));
    },
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

/** One family's revisions, newest first. `familyPrefix` matches prefixes, so keep exact matches only. */
export function useTaskDefinitionRevisions(family: string, status: TaskDefinitionStatus) {
  return useQuery({
    queryKey: queryKeys.taskDefinitions.revisions(family, status),
    queryFn: async ({ signal }): Promise<RevisionRow[]> => {
      const arns = await listTaskDefinitions({ familyPrefix: family, status, sort: "DESC" }, signal);
      return arns
        .map((arn) => ({ arn, ...parseRevision(arn), status }))
        .filter((r) => r.family === family)
        .sort((a, b) => b.revision - a.revision)
        .map(({ arn, ref, revision }) => ({ arn, ref, revision, status }));
    },
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

/** One revision (the latest without `revision`); live unless `live: false` (a form's starting point). */
export function useTaskDefinition(family: string, revision: string, { live = true } = {}) {
  return useQuery({
    queryKey: queryKeys.taskDefinitions.detail(family, revision),
    queryFn: ({ signal }) => describeTaskDefinition(revision ? `${family}:${revision}` : family, signal),
    refetchInterval: live ? LIVE_INTERVAL_MS : false,
    enabled: family !== "",
  });
}

/**
 * The tasks of one revision in every cluster: ListTasks by family per cluster, then only the tasks of
 * exactly this revision, newest first.
 */
export function useRevisionTasks(family: string, revision: string, taskDefinitionArn: string | undefined) {
  return useQuery({
    queryKey: queryKeys.taskDefinitions.tasks(family, revision),
    queryFn: async ({ signal }) => {
      const clusters = await listClusters(signal);
      const lists = await Promise.all(clusters.map((cluster) => fetchClusterTasks(cluster, "ANY", signal, family)));
      return lists
        .flat()
        .filter((t) => t.taskDefinitionArn === taskDefinitionArn)
        .sort(newestFirst);
    },
    refetchInterval: LIVE_INTERVAL_MS,
    enabled: taskDefinitionArn !== undefined,
  });
}
