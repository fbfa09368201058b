-- CreateTable
CREATE TABLE "Service" (
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
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Deployment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceArn" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "taskDefinitionArn" TEXT NOT NULL,
    "desiredCount" INTEGER NOT NULL,
    "failedTasks" INTEGER NOT NULL DEFAULT 0,
    "rolloutState" TEXT NOT NULL DEFAULT 'IN_PROGRESS',
    "rolloutStateReason" TEXT NOT NULL,
    "launchType" TEXT NOT NULL DEFAULT 'EC2',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ServiceEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceArn" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "Service_cluster_name_key" ON "Service"("cluster", "name");

-- CreateIndex
CREATE INDEX "Deployment_serviceArn_status_idx" ON "Deployment"("serviceArn", "status");

-- CreateIndex
CREATE INDEX "ServiceEvent_serviceArn_createdAt_idx" ON "ServiceEvent"("serviceArn", "createdAt");

