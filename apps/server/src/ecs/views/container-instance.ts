import type { ContainerInstance } from "@stevedore/shared";
import { fromJson } from "../../db/json.ts";
import type { InstanceState } from "../cluster-state.ts";

export function containerInstanceView(s: InstanceState, includeTags = false): ContainerInstance {
  return {
    containerInstanceArn: s.row.arn,
    ec2InstanceId: s.row.ec2InstanceId,
    version: s.row.version,
    versionInfo: fromJson(s.row.versionInfo, {}),
    remainingResources: s.remaining,
    registeredResources: s.registered,
    status: s.row.status as ContainerInstance["status"],
    ...(s.row.statusReason ? { statusReason: s.row.statusReason } : {}),
    agentConnected: s.agentConnected,
    runningTasksCount: s.runningTasksCount,
    pendingTasksCount: s.pendingTasksCount,
    attributes: s.attributes,
    registeredAt: s.row.registeredAt.getTime() / 1000,
    attachments: [],
    tags: includeTags ? fromJson(s.row.tags, []) : [],
  };
}
