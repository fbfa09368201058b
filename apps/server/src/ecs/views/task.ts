import type { Container, Task } from "@stevedore/shared";
import type { Task as TaskRow } from "../../db/client.ts";
import { fromJson } from "../../db/json.ts";
import { taskEni, type TaskEni } from "../../ec2/network-interfaces.ts";

/** What every Fargate task gets unless its definition asks for more. */
const FARGATE_EPHEMERAL_STORAGE_GIB = 20;

const seconds = (d: Date | null) => (d ? d.getTime() / 1000 : undefined);

/** `ephemeralStorageGiB`: what the task's definition asks for, if anything (Fargate tasks report it). */
export function taskView(row: TaskRow, clusterArn: string, containerInstanceArn: string | undefined, includeTags = false, ephemeralStorageGiB?: number): Task {
  const eni = taskEni(row);
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
    ...(row.launchType === "FARGATE" ? { platformFamily: "Linux", ephemeralStorage: { sizeInGiB: ephemeralStorageGiB ?? FARGATE_EPHEMERAL_STORAGE_GIB } } : {}),
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
    attachments: eni ? [eniAttachment(eni, row.lastStatus)] : [],
    healthStatus: row.healthStatus as Task["healthStatus"],
    tags: includeTags ? fromJson(row.tags, []) : [],
    enableExecuteCommand: false,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}

/** An awsvpc task's elastic network interface, as ECS describes it; its address is the task's own. */
function eniAttachment(eni: TaskEni, lastStatus: string) {
  return {
    id: eni.attachmentId,
    type: "ElasticNetworkInterface",
    status: lastStatus === "STOPPED" ? "DELETED" : "ATTACHED",
    details: [
      { name: "subnetId", value: eni.subnetId },
      { name: "networkInterfaceId", value: eni.networkInterfaceId },
      { name: "macAddress", value: eni.macAddress },
      { name: "privateDnsName", value: eni.privateDnsName },
      { name: "privateIPv4Address", value: eni.privateIpAddress },
    ],
  };
}
