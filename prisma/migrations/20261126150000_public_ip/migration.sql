-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Task" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
INSERT INTO "new_Task" ("arn", "availabilityZone", "bindIP", "capacityProviderName", "cluster", "containerInstanceId", "containers", "cpu", "createdAt", "desiredStatus", "executionStoppedAt", "group", "healthStatus", "id", "lastStatus", "launchType", "memory", "overrides", "platformVersion", "pullStartedAt", "pullStoppedAt", "startedAt", "startedBy", "stopCode", "stoppedAt", "stoppedReason", "stoppingAt", "subnetId", "tags", "taskDefinitionArn", "version") SELECT "arn", "availabilityZone", "bindIP", "capacityProviderName", "cluster", "containerInstanceId", "containers", "cpu", "createdAt", "desiredStatus", "executionStoppedAt", "group", "healthStatus", "id", "lastStatus", "launchType", "memory", "overrides", "platformVersion", "pullStartedAt", "pullStoppedAt", "startedAt", "startedBy", "stopCode", "stoppedAt", "stoppedReason", "stoppingAt", "subnetId", "tags", "taskDefinitionArn", "version" FROM "Task";
DROP TABLE "Task";
ALTER TABLE "new_Task" RENAME TO "Task";
CREATE UNIQUE INDEX "Task_arn_key" ON "Task"("arn");
CREATE INDEX "Task_cluster_desiredStatus_idx" ON "Task"("cluster", "desiredStatus");
CREATE INDEX "Task_containerInstanceId_idx" ON "Task"("containerInstanceId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

