-- CreateTable
CREATE TABLE "Cluster" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "arn" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "settings" TEXT NOT NULL DEFAULT '[]',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "capacityProviders" TEXT NOT NULL DEFAULT '[]',
    "defaultStrategy" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CapacityProvider" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "arn" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "autoScalingGroupArn" TEXT NOT NULL,
    "managedScaling" TEXT NOT NULL DEFAULT '{}',
    "managedTermination" TEXT NOT NULL DEFAULT 'DISABLED',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ContainerInstance" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "tags" TEXT NOT NULL DEFAULT '[]'
);

-- CreateTable
CREATE TABLE "TaskDefinition" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "family" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "definition" TEXT NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "registeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deregisteredAt" DATETIME
);

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "arn" TEXT NOT NULL,
    "cluster" TEXT NOT NULL,
    "containerInstanceId" TEXT,
    "taskDefinitionArn" TEXT NOT NULL,
    "lastStatus" TEXT NOT NULL,
    "desiredStatus" TEXT NOT NULL,
    "launchType" TEXT NOT NULL DEFAULT 'EC2',
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

-- CreateTable
CREATE TABLE "LaunchConfiguration" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "arn" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "instanceType" TEXT NOT NULL,
    "userData" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AutoScalingGroup" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "arn" TEXT NOT NULL,
    "launchConfigurationName" TEXT NOT NULL,
    "minSize" INTEGER NOT NULL,
    "maxSize" INTEGER NOT NULL,
    "desiredCapacity" INTEGER NOT NULL,
    "availabilityZones" TEXT NOT NULL,
    "status" TEXT,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Ec2Instance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "asgName" TEXT,
    "instanceType" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "availabilityZone" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "userData" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "lifecycleState" TEXT NOT NULL DEFAULT 'Pending',
    "launchedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "terminatedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_arn_key" ON "Cluster"("arn");

-- CreateIndex
CREATE UNIQUE INDEX "CapacityProvider_arn_key" ON "CapacityProvider"("arn");

-- CreateIndex
CREATE UNIQUE INDEX "ContainerInstance_arn_key" ON "ContainerInstance"("arn");

-- CreateIndex
CREATE INDEX "ContainerInstance_cluster_status_idx" ON "ContainerInstance"("cluster", "status");

-- CreateIndex
CREATE INDEX "ContainerInstance_ec2InstanceId_idx" ON "ContainerInstance"("ec2InstanceId");

-- CreateIndex
CREATE UNIQUE INDEX "TaskDefinition_family_revision_key" ON "TaskDefinition"("family", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "Task_arn_key" ON "Task"("arn");

-- CreateIndex
CREATE INDEX "Task_cluster_desiredStatus_idx" ON "Task"("cluster", "desiredStatus");

-- CreateIndex
CREATE INDEX "Task_containerInstanceId_idx" ON "Task"("containerInstanceId");

-- CreateIndex
CREATE UNIQUE INDEX "LaunchConfiguration_arn_key" ON "LaunchConfiguration"("arn");

-- CreateIndex
CREATE UNIQUE INDEX "AutoScalingGroup_arn_key" ON "AutoScalingGroup"("arn");

-- CreateIndex
CREATE UNIQUE INDEX "Ec2Instance_address_key" ON "Ec2Instance"("address");

