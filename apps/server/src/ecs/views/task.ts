import type { Container, Task } from "@stevedore/shared";
import type { Task as TaskRow } from "../../db/client.ts";
import { fromJson } from "../../db/json.ts";
import { isEniAddress } from "../../ec2/addresses.ts";

/** What every Fargate task gets unless its definition asks for more. */
const FARGATE_EPHEMERAL_STORAGE_GIB = 20;

const seconds = (d: Date | null) => (d ? d.getTime() / 1000 : undefined);

export function taskView(row: TaskRow, clusterArn: string, containerInstanceArn: string | undefined, includeTags = false): Task {
  const optional = {
    containerInstanceArn,
    cpu: row.cpu ?? undefined,
    memory: row.memory ?? undefined,
    startedBy: row.startedBy ?? undefined,
    stoppedReason: row.stoppedReason ?? undefined,
    stopCode: (row.stopCode ?? undefined) as Task["stopCode"],
    pullStartedAt: seconds(row.pullStartedAt),
    pullStoppedAt: seconds(row.pullStoppedAt),
    executionStoppedAt: seconds(row.executionStoppedAt),
    startedAt: seconds(row.startedAt),
    stoppingAt: seconds(row.stoppingAt),
    stoppedAt: seconds(row.stoppedAt),
    group: row.group ?? undefined,
    availabilityZone: row.availabilityZone ?? undefined,
    capacityProviderName: row.capacityProviderName ?? undefined,
    platformVersion: row.platformVersion ?? undefined,
    ...(row.launchType === "FARGATE" ? { platformFamily: "Linux", ephemeralStorage: { sizeInGiB: FARGATE_EPHEMERAL_STORAGE_GIB } } : {}),
  };
  return {
    taskArn: row.arn,
    clusterArn,
    taskDefinitionArn: row.taskDefinitionArn,
    overrides: fromJson(row.overrides, { containerOverrides: [] }),
    lastStatus: row.lastStatus as Task["lastStatus"],
    desiredStatus: row.desiredStatus as Task["desiredStatus"],
    containers: fromJson<Container[]>(row.containers, []),
    version: row.version,
    connectivity: "CONNECTED",
    connectivityAt: row.createdAt.getTime() / 1000,
    createdAt: row.createdAt.getTime() / 1000,
    launchType: row.launchType as Task["launchType"],
    attachments: row.bindIP && isEniAddress(row.bindIP) ? [eniAttachment(row.id, row.bindIP, row.lastStatus, row.subnetId)] : [],
    healthStatus: row.healthStatus as Task["healthStatus"],
    tags: includeTags ? fromJson(row.tags, []) : [],
    enableExecuteCommand: false,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}

/** An awsvpc task's elastic network interface, as ECS describes it; its address is the task's own. */
function eniAttachment(taskId: string, address: string, lastStatus: string, subnetId: string | null) {
  const hex = taskId.slice(0, 17);
  return {
    id: `${taskId.slice(0, 8)}-${taskId.slice(8, 12)}-${taskId.slice(12, 16)}-${taskId.slice(16, 20)}-${taskId.slice(20, 32)}`,
    type: "ElasticNetworkInterface",
    status: lastStatus === "STOPPED" ? "DELETED" : "ATTACHED",
    details: [
      { name: "subnetId", value: subnetId ?? "subnet-stevedore" },
      { name: "networkInterfaceId", value: `eni-${hex}` },
      { name: "macAddress", value: `02:${taskId.slice(0, 10).match(/../g)!.join(":")}` },
      { name: "privateDnsName", value: `ip-${address.replace(/\./g, "-")}.ec2.internal` },
      { name: "privateIPv4Address", value: address },
    ],
  };
}
