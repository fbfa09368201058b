-- Account names are labels (the operator may reuse one); ids are what identify accounts.
DROP INDEX "Account_name_key";

-- CreateTable
CREATE TABLE "IdempotentRequest" (
    "accountId" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("accountId", "operation", "token")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Cluster" (
    "accountId" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "settings" TEXT NOT NULL DEFAULT '[]',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "capacityProviders" TEXT NOT NULL DEFAULT '[]',
    "defaultStrategy" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("accountId", "name")
);
INSERT INTO "new_Cluster" ("arn", "capacityProviders", "createdAt", "defaultStrategy", "name", "settings", "status", "tags") SELECT "arn", "capacityProviders", "createdAt", "defaultStrategy", "name", "settings", "status", "tags" FROM "Cluster";
DROP TABLE "Cluster";
ALTER TABLE "new_Cluster" RENAME TO "Cluster";
CREATE UNIQUE INDEX "Cluster_arn_key" ON "Cluster"("arn");
CREATE TABLE "new_CapacityProvider" (
    "accountId" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "autoScalingGroupArn" TEXT NOT NULL,
    "managedScaling" TEXT NOT NULL DEFAULT '{}',
    "managedTermination" TEXT NOT NULL DEFAULT 'DISABLED',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("accountId", "name")
);
INSERT INTO "new_CapacityProvider" ("arn", "autoScalingGroupArn", "createdAt", "managedScaling", "managedTermination", "name", "status", "tags") SELECT "arn", "autoScalingGroupArn", "createdAt", "managedScaling", "managedTermination", "name", "status", "tags" FROM "CapacityProvider";
DROP TABLE "CapacityProvider";
ALTER TABLE "new_CapacityProvider" RENAME TO "CapacityProvider";
CREATE UNIQUE INDEX "CapacityProvider_arn_key" ON "CapacityProvider"("arn");
CREATE TABLE "new_ContainerInstance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL DEFAULT '',
    "arn" TEXT NOT NULL,
    "cluster" TEXT NOT NULL,
    "ec2InstanceId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "statusReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "registeredResources" TEXT NOT NULL,
    "attributes" TEXT NOT NULL DEFAULT '[]',
    "versionInfo" TEXT NOT NULL DEFAULT '{}',
    "address" TEXT NOT NULL,
    "availabilityZone" TEXT NOT NULL,
    "instanceType" TEXT NOT NULL,
    "agentLastSeenAt" DATETIME,
    "registeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deregisteredAt" DATETIME,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "agentTokenHash" TEXT
);
INSERT INTO "new_ContainerInstance" ("address", "agentLastSeenAt", "agentTokenHash", "arn", "attributes", "availabilityZone", "cluster", "deregisteredAt", "ec2InstanceId", "id", "instanceType", "registeredAt", "registeredResources", "status", "statusReason", "tags", "version", "versionInfo") SELECT "address", "agentLastSeenAt", "agentTokenHash", "arn", "attributes", "availabilityZone", "cluster", "deregisteredAt", "ec2InstanceId", "id", "instanceType", "registeredAt", "registeredResources", "status", "statusReason", "tags", "version", "versionInfo" FROM "ContainerInstance";
DROP TABLE "ContainerInstance";
ALTER TABLE "new_ContainerInstance" RENAME TO "ContainerInstance";
CREATE UNIQUE INDEX "ContainerInstance_arn_key" ON "ContainerInstance"("arn");
CREATE UNIQUE INDEX "ContainerInstance_agentTokenHash_key" ON "ContainerInstance"("agentTokenHash");
CREATE INDEX "ContainerInstance_accountId_cluster_status_idx" ON "ContainerInstance"("accountId", "cluster", "status");
CREATE INDEX "ContainerInstance_ec2InstanceId_idx" ON "ContainerInstance"("ec2InstanceId");
CREATE TABLE "new_TaskDefinition" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL DEFAULT '',
    "family" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "definition" TEXT NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "registeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deregisteredAt" DATETIME
);
INSERT INTO "new_TaskDefinition" ("arn", "definition", "deregisteredAt", "family", "registeredAt", "revision", "status", "tags") SELECT "arn", "definition", "deregisteredAt", "family", "registeredAt", "revision", "status", "tags" FROM "TaskDefinition";
DROP TABLE "TaskDefinition";
ALTER TABLE "new_TaskDefinition" RENAME TO "TaskDefinition";
CREATE UNIQUE INDEX "TaskDefinition_accountId_family_revision_key" ON "TaskDefinition"("accountId", "family", "revision");
CREATE TABLE "new_Task" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL DEFAULT '',
    "arn" TEXT NOT NULL,
    "cluster" TEXT NOT NULL,
    "containerInstanceId" TEXT,
    "taskDefinitionArn" TEXT NOT NULL,
    "lastStatus" TEXT NOT NULL,
    "desiredStatus" TEXT NOT NULL,
    "launchType" TEXT NOT NULL DEFAULT 'EC2',
    "platformVersion" TEXT,
    "capacityProviderName" TEXT,
    "subnetId" TEXT,
    "assignPublicIp" BOOLEAN NOT NULL DEFAULT false,
    "group" TEXT,
    "startedBy" TEXT,
    "overrides" TEXT NOT NULL DEFAULT '{}',
    "containers" TEXT NOT NULL,
    "cpu" TEXT,
    "memory" TEXT,
    "bindIP" TEXT,
    "availabilityZone" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "stoppedReason" TEXT,
    "stopCode" TEXT,
    "healthStatus" TEXT NOT NULL DEFAULT 'UNKNOWN',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "pullStartedAt" DATETIME,
    "pullStoppedAt" DATETIME,
    "startedAt" DATETIME,
    "stoppingAt" DATETIME,
    "stoppedAt" DATETIME,
    "executionStoppedAt" DATETIME
);
INSERT INTO "new_Task" ("arn", "assignPublicIp", "availabilityZone", "bindIP", "capacityProviderName", "cluster", "containerInstanceId", "containers", "cpu", "createdAt", "desiredStatus", "executionStoppedAt", "group", "healthStatus", "id", "lastStatus", "launchType", "memory", "overrides", "platformVersion", "pullStartedAt", "pullStoppedAt", "startedAt", "startedBy", "stopCode", "stoppedAt", "stoppedReason", "stoppingAt", "subnetId", "tags", "taskDefinitionArn", "version") SELECT "arn", "assignPublicIp", "availabilityZone", "bindIP", "capacityProviderName", "cluster", "containerInstanceId", "containers", "cpu", "createdAt", "desiredStatus", "executionStoppedAt", "group", "healthStatus", "id", "lastStatus", "launchType", "memory", "overrides", "platformVersion", "pullStartedAt", "pullStoppedAt", "startedAt", "startedBy", "stopCode", "stoppedAt", "stoppedReason", "stoppingAt", "subnetId", "tags", "taskDefinitionArn", "version" FROM "Task";
DROP TABLE "Task";
ALTER TABLE "new_Task" RENAME TO "Task";
CREATE UNIQUE INDEX "Task_arn_key" ON "Task"("arn");
CREATE INDEX "Task_accountId_cluster_desiredStatus_idx" ON "Task"("accountId", "cluster", "desiredStatus");
CREATE INDEX "Task_containerInstanceId_idx" ON "Task"("containerInstanceId");
CREATE INDEX "Task_lastStatus_stoppedAt_idx" ON "Task"("lastStatus", "stoppedAt");
CREATE TABLE "new_LaunchConfiguration" (
    "accountId" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "instanceType" TEXT NOT NULL,
    "userData" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("accountId", "name")
);
INSERT INTO "new_LaunchConfiguration" ("arn", "createdAt", "imageId", "instanceType", "name", "userData") SELECT "arn", "createdAt", "imageId", "instanceType", "name", "userData" FROM "LaunchConfiguration";
DROP TABLE "LaunchConfiguration";
ALTER TABLE "new_LaunchConfiguration" RENAME TO "LaunchConfiguration";
CREATE UNIQUE INDEX "LaunchConfiguration_arn_key" ON "LaunchConfiguration"("arn");
CREATE TABLE "new_AutoScalingGroup" (
    "accountId" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "launchConfigurationName" TEXT NOT NULL,
    "minSize" INTEGER NOT NULL,
    "maxSize" INTEGER NOT NULL,
    "desiredCapacity" INTEGER NOT NULL,
    "availabilityZones" TEXT NOT NULL,
    "status" TEXT,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("accountId", "name")
);
INSERT INTO "new_AutoScalingGroup" ("arn", "availabilityZones", "createdAt", "desiredCapacity", "launchConfigurationName", "maxSize", "minSize", "name", "status", "tags") SELECT "arn", "availabilityZones", "createdAt", "desiredCapacity", "launchConfigurationName", "maxSize", "minSize", "name", "status", "tags" FROM "AutoScalingGroup";
DROP TABLE "AutoScalingGroup";
ALTER TABLE "new_AutoScalingGroup" RENAME TO "AutoScalingGroup";
CREATE UNIQUE INDEX "AutoScalingGroup_arn_key" ON "AutoScalingGroup"("arn");
CREATE TABLE "new_Ec2Instance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL DEFAULT '',
    "asgName" TEXT,
    "instanceType" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "availabilityZone" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "userData" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "lifecycleState" TEXT NOT NULL DEFAULT 'Pending',
    "launchToken" TEXT,
    "launchedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "terminatedAt" DATETIME
);
INSERT INTO "new_Ec2Instance" ("address", "asgName", "availabilityZone", "id", "imageId", "instanceType", "launchToken", "launchedAt", "lifecycleState", "state", "terminatedAt", "userData") SELECT "address", "asgName", "availabilityZone", "id", "imageId", "instanceType", "launchToken", "launchedAt", "lifecycleState", "state", "terminatedAt", "userData" FROM "Ec2Instance";
DROP TABLE "Ec2Instance";
ALTER TABLE "new_Ec2Instance" RENAME TO "Ec2Instance";
CREATE UNIQUE INDEX "Ec2Instance_address_key" ON "Ec2Instance"("address");
CREATE TABLE "new_LogGroup" (
    "accountId" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "retentionInDays" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("accountId", "name")
);
INSERT INTO "new_LogGroup" ("arn", "createdAt", "name", "retentionInDays") SELECT "arn", "createdAt", "name", "retentionInDays" FROM "LogGroup";
DROP TABLE "LogGroup";
ALTER TABLE "new_LogGroup" RENAME TO "LogGroup";
CREATE UNIQUE INDEX "LogGroup_arn_key" ON "LogGroup"("arn");
CREATE TABLE "new_LogEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" TEXT NOT NULL DEFAULT '',
    "taskId" TEXT NOT NULL,
    "container" TEXT NOT NULL,
    "timestamp" DATETIME NOT NULL,
    "ingestionTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "message" TEXT NOT NULL,
    "logGroup" TEXT,
    "logStream" TEXT
);
INSERT INTO "new_LogEvent" ("container", "id", "ingestionTime", "logGroup", "logStream", "message", "taskId", "timestamp") SELECT "container", "id", "ingestionTime", "logGroup", "logStream", "message", "taskId", "timestamp" FROM "LogEvent";
DROP TABLE "LogEvent";
ALTER TABLE "new_LogEvent" RENAME TO "LogEvent";
CREATE INDEX "LogEvent_taskId_container_id_idx" ON "LogEvent"("taskId", "container", "id");
CREATE INDEX "LogEvent_accountId_logGroup_logStream_timestamp_idx" ON "LogEvent"("accountId", "logGroup", "logStream", "timestamp");
CREATE TABLE "new_ScalingActivity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL DEFAULT '',
    "asgName" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "statusCode" TEXT NOT NULL DEFAULT 'InProgress',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "startTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endTime" DATETIME
);
INSERT INTO "new_ScalingActivity" ("asgName", "cause", "description", "endTime", "id", "progress", "startTime", "statusCode") SELECT "asgName", "cause", "description", "endTime", "id", "progress", "startTime", "statusCode" FROM "ScalingActivity";
DROP TABLE "ScalingActivity";
ALTER TABLE "new_ScalingActivity" RENAME TO "ScalingActivity";
CREATE INDEX "ScalingActivity_accountId_asgName_startTime_idx" ON "ScalingActivity"("accountId", "asgName", "startTime");
CREATE TABLE "new_Service" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "cluster" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "desiredCount" INTEGER NOT NULL,
    "launchType" TEXT NOT NULL DEFAULT 'EC2',
    "schedulingStrategy" TEXT NOT NULL DEFAULT 'REPLICA',
    "taskDefinitionArn" TEXT NOT NULL,
    "deploymentConfiguration" TEXT NOT NULL,
    "placementStrategy" TEXT NOT NULL DEFAULT '[]',
    "placementConstraints" TEXT NOT NULL DEFAULT '[]',
    "healthCheckGracePeriodSeconds" INTEGER,
    "loadBalancers" TEXT NOT NULL DEFAULT '[]',
    "networkConfiguration" TEXT,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "enableECSManagedTags" BOOLEAN NOT NULL DEFAULT false,
    "propagateTags" TEXT NOT NULL DEFAULT 'NONE',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "capacityProviderStrategy" TEXT NOT NULL DEFAULT '[]',
    "platformVersion" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1
);
INSERT INTO "new_Service" ("arn", "capacityProviderStrategy", "cluster", "createdAt", "deploymentConfiguration", "desiredCount", "enableECSManagedTags", "healthCheckGracePeriodSeconds", "launchType", "loadBalancers", "name", "networkConfiguration", "placementConstraints", "placementStrategy", "platformVersion", "propagateTags", "schedulingStrategy", "status", "tags", "taskDefinitionArn", "updatedAt") SELECT "arn", "capacityProviderStrategy", "cluster", "createdAt", "deploymentConfiguration", "desiredCount", "enableECSManagedTags", "healthCheckGracePeriodSeconds", "launchType", "loadBalancers", "name", "networkConfiguration", "placementConstraints", "placementStrategy", "platformVersion", "propagateTags", "schedulingStrategy", "status", "tags", "taskDefinitionArn", "updatedAt" FROM "Service";
DROP TABLE "Service";
ALTER TABLE "new_Service" RENAME TO "Service";
CREATE UNIQUE INDEX "Service_accountId_cluster_name_key" ON "Service"("accountId", "cluster", "name");
CREATE TABLE "new_MetricSample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" TEXT NOT NULL DEFAULT '',
    "cluster" TEXT NOT NULL,
    "service" TEXT,
    "taskId" TEXT NOT NULL,
    "containerInstanceId" TEXT,
    "timestamp" DATETIME NOT NULL,
    "cpuUnits" REAL NOT NULL,
    "memoryMiB" REAL NOT NULL,
    "cpuReserved" INTEGER NOT NULL,
    "memoryReserved" INTEGER NOT NULL,
    "clusterCpu" INTEGER NOT NULL,
    "clusterMemory" INTEGER NOT NULL
);
INSERT INTO "new_MetricSample" ("cluster", "clusterCpu", "clusterMemory", "containerInstanceId", "cpuReserved", "cpuUnits", "id", "memoryMiB", "memoryReserved", "service", "taskId", "timestamp") SELECT "cluster", "clusterCpu", "clusterMemory", "containerInstanceId", "cpuReserved", "cpuUnits", "id", "memoryMiB", "memoryReserved", "service", "taskId", "timestamp" FROM "MetricSample";
DROP TABLE "MetricSample";
ALTER TABLE "new_MetricSample" RENAME TO "MetricSample";
CREATE INDEX "MetricSample_accountId_cluster_timestamp_idx" ON "MetricSample"("accountId", "cluster", "timestamp");
CREATE INDEX "MetricSample_taskId_timestamp_idx" ON "MetricSample"("taskId", "timestamp");
CREATE INDEX "MetricSample_timestamp_idx" ON "MetricSample"("timestamp");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Every existing row belongs to the account its ARN names (before accounts, the one configured then).
UPDATE "Cluster" SET "accountId" = substr("arn", 13 + instr(substr("arn", 13), ':'), 12) WHERE "accountId" = '';
UPDATE "CapacityProvider" SET "accountId" = substr("arn", 13 + instr(substr("arn", 13), ':'), 12) WHERE "accountId" = '';
UPDATE "ContainerInstance" SET "accountId" = substr("arn", 13 + instr(substr("arn", 13), ':'), 12) WHERE "accountId" = '';
UPDATE "TaskDefinition" SET "accountId" = substr("arn", 13 + instr(substr("arn", 13), ':'), 12) WHERE "accountId" = '';
UPDATE "Task" SET "accountId" = substr("arn", 13 + instr(substr("arn", 13), ':'), 12) WHERE "accountId" = '';
UPDATE "Service" SET "accountId" = substr("arn", 13 + instr(substr("arn", 13), ':'), 12) WHERE "accountId" = '';
UPDATE "LaunchConfiguration" SET "accountId" = substr("arn", 21 + instr(substr("arn", 21), ':'), 12) WHERE "accountId" = '';
UPDATE "AutoScalingGroup" SET "accountId" = substr("arn", 21 + instr(substr("arn", 21), ':'), 12) WHERE "accountId" = '';
UPDATE "LogGroup" SET "accountId" = substr("arn", 14 + instr(substr("arn", 14), ':'), 12) WHERE "accountId" = '';
UPDATE "Ec2Instance" SET "accountId" = COALESCE((SELECT g."accountId" FROM "AutoScalingGroup" g WHERE g."name" = "Ec2Instance"."asgName"), '') WHERE "accountId" = '';
UPDATE "ScalingActivity" SET "accountId" = COALESCE((SELECT g."accountId" FROM "AutoScalingGroup" g WHERE g."name" = "ScalingActivity"."asgName"), '') WHERE "accountId" = '';
UPDATE "LogEvent" SET "accountId" = COALESCE((SELECT t."accountId" FROM "Task" t WHERE t."id" = "LogEvent"."taskId"), (SELECT g."accountId" FROM "LogGroup" g WHERE g."name" = "LogEvent"."logGroup"), '') WHERE "accountId" = '';
UPDATE "MetricSample" SET "accountId" = COALESCE((SELECT t."accountId" FROM "Task" t WHERE t."id" = "MetricSample"."taskId"), '') WHERE "accountId" = '';
