-- AlterTable
ALTER TABLE "Task" ADD COLUMN "capacityProviderName" TEXT;
ALTER TABLE "Task" ADD COLUMN "platformVersion" TEXT;
ALTER TABLE "Task" ADD COLUMN "subnetId" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Service" (
    "arn" TEXT NOT NULL PRIMARY KEY,
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
    "platformVersion" TEXT
);
INSERT INTO "new_Service" ("arn", "cluster", "createdAt", "deploymentConfiguration", "desiredCount", "enableECSManagedTags", "healthCheckGracePeriodSeconds", "launchType", "loadBalancers", "name", "networkConfiguration", "placementConstraints", "placementStrategy", "propagateTags", "schedulingStrategy", "status", "tags", "taskDefinitionArn", "updatedAt") SELECT "arn", "cluster", "createdAt", "deploymentConfiguration", "desiredCount", "enableECSManagedTags", "healthCheckGracePeriodSeconds", "launchType", "loadBalancers", "name", "networkConfiguration", "placementConstraints", "placementStrategy", "propagateTags", "schedulingStrategy", "status", "tags", "taskDefinitionArn", "updatedAt" FROM "Service";
DROP TABLE "Service";
ALTER TABLE "new_Service" RENAME TO "Service";
CREATE UNIQUE INDEX "Service_cluster_name_key" ON "Service"("cluster", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

