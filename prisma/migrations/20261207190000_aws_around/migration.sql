-- CreateTable
CREATE TABLE "IamRole" (
    "accountId" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "arn" TEXT NOT NULL,
    "assumeRolePolicy" TEXT NOT NULL,
    "description" TEXT,
    "maxSessionDuration" INTEGER NOT NULL DEFAULT 3600,
    "attachedPolicies" TEXT NOT NULL DEFAULT '[]',
    "inlinePolicies" TEXT NOT NULL DEFAULT '{}',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("accountId", "nameKey")
);

-- CreateTable
CREATE TABLE "IamPolicy" (
    "accountId" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "arn" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "description" TEXT,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("accountId", "nameKey")
);

-- CreateTable
CREATE TABLE "IamInstanceProfile" (
    "accountId" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "arn" TEXT NOT NULL,
    "roleName" TEXT,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("accountId", "nameKey")
);

-- CreateTable
CREATE TABLE "Ec2KeyPair" (
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "keyType" TEXT NOT NULL DEFAULT 'rsa',
    "fingerprint" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("accountId", "name")
);

-- CreateTable
CREATE TABLE "Ec2SecurityGroup" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "vpcId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "ingress" TEXT NOT NULL DEFAULT '[]',
    "egress" TEXT NOT NULL DEFAULT '[]',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("accountId", "id")
);

-- CreateTable
CREATE TABLE "Ec2LaunchTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "defaultVersion" INTEGER NOT NULL DEFAULT 1,
    "latestVersion" INTEGER NOT NULL DEFAULT 1,
    "createdBy" TEXT NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Ec2LaunchTemplateVersion" (
    "templateId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "description" TEXT,
    "data" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("templateId", "version")
);

-- CreateTable
CREATE TABLE "ScalingPolicy" (
    "accountId" TEXT NOT NULL,
    "asgName" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("accountId", "asgName", "name")
);

-- CreateTable
CREATE TABLE "LifecycleHook" (
    "accountId" TEXT NOT NULL,
    "asgName" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("accountId", "asgName", "name")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "executionStoppedAt" DATETIME,
    "securityGroups" TEXT NOT NULL DEFAULT '[]',
    "protectionEnabled" BOOLEAN NOT NULL DEFAULT false,
    "protectionExpiresAt" DATETIME
);
INSERT INTO "new_Task" ("accountId", "arn", "assignPublicIp", "availabilityZone", "bindIP", "capacityProviderName", "cluster", "containerInstanceId", "containers", "cpu", "createdAt", "desiredStatus", "executionStoppedAt", "group", "healthStatus", "id", "lastStatus", "launchType", "memory", "overrides", "platformVersion", "pullStartedAt", "pullStoppedAt", "startedAt", "startedBy", "stopCode", "stoppedAt", "stoppedReason", "stoppingAt", "subnetId", "tags", "taskDefinitionArn", "version") SELECT "accountId", "arn", "assignPublicIp", "availabilityZone", "bindIP", "capacityProviderName", "cluster", "containerInstanceId", "containers", "cpu", "createdAt", "desiredStatus", "executionStoppedAt", "group", "healthStatus", "id", "lastStatus", "launchType", "memory", "overrides", "platformVersion", "pullStartedAt", "pullStoppedAt", "startedAt", "startedBy", "stopCode", "stoppedAt", "stoppedReason", "stoppingAt", "subnetId", "tags", "taskDefinitionArn", "version" FROM "Task";
DROP TABLE "Task";
ALTER TABLE "new_Task" RENAME TO "Task";
CREATE UNIQUE INDEX "Task_arn_key" ON "Task"("arn");
CREATE INDEX "Task_accountId_cluster_desiredStatus_idx" ON "Task"("accountId", "cluster", "desiredStatus");
CREATE INDEX "Task_containerInstanceId_idx" ON "Task"("containerInstanceId");
CREATE INDEX "Task_lastStatus_stoppedAt_idx" ON "Task"("lastStatus", "stoppedAt");
CREATE TABLE "new_AutoScalingGroup" (
    "accountId" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "launchConfigurationName" TEXT NOT NULL,
    "launchTemplate" TEXT,
    "vpcZoneIdentifier" TEXT NOT NULL DEFAULT '',
    "minSize" INTEGER NOT NULL,
    "maxSize" INTEGER NOT NULL,
    "desiredCapacity" INTEGER NOT NULL,
    "availabilityZones" TEXT NOT NULL,
    "status" TEXT,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("accountId", "name")
);
INSERT INTO "new_AutoScalingGroup" ("accountId", "arn", "availabilityZones", "createdAt", "desiredCapacity", "launchConfigurationName", "maxSize", "minSize", "name", "status", "tags") SELECT "accountId", "arn", "availabilityZones", "createdAt", "desiredCapacity", "launchConfigurationName", "maxSize", "minSize", "name", "status", "tags" FROM "AutoScalingGroup";
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
    "terminatedAt" DATETIME,
    "keyName" TEXT,
    "subnetId" TEXT,
    "securityGroupIds" TEXT NOT NULL DEFAULT '[]',
    "iamInstanceProfileArn" TEXT,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "launchTemplate" TEXT,
    "stateReason" TEXT
);
INSERT INTO "new_Ec2Instance" ("accountId", "address", "asgName", "availabilityZone", "id", "imageId", "instanceType", "launchToken", "launchedAt", "lifecycleState", "state", "terminatedAt", "userData") SELECT "accountId", "address", "asgName", "availabilityZone", "id", "imageId", "instanceType", "launchToken", "launchedAt", "lifecycleState", "state", "terminatedAt", "userData" FROM "Ec2Instance";
DROP TABLE "Ec2Instance";
ALTER TABLE "new_Ec2Instance" RENAME TO "Ec2Instance";
CREATE UNIQUE INDEX "Ec2Instance_address_key" ON "Ec2Instance"("address");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "IamRole_id_key" ON "IamRole"("id");

-- CreateIndex
CREATE UNIQUE INDEX "IamRole_arn_key" ON "IamRole"("arn");

-- CreateIndex
CREATE UNIQUE INDEX "IamPolicy_id_key" ON "IamPolicy"("id");

-- CreateIndex
CREATE UNIQUE INDEX "IamPolicy_arn_key" ON "IamPolicy"("arn");

-- CreateIndex
CREATE UNIQUE INDEX "IamInstanceProfile_id_key" ON "IamInstanceProfile"("id");

-- CreateIndex
CREATE UNIQUE INDEX "IamInstanceProfile_arn_key" ON "IamInstanceProfile"("arn");

-- CreateIndex
CREATE UNIQUE INDEX "Ec2KeyPair_id_key" ON "Ec2KeyPair"("id");

-- CreateIndex
CREATE UNIQUE INDEX "Ec2SecurityGroup_accountId_vpcId_name_key" ON "Ec2SecurityGroup"("accountId", "vpcId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Ec2LaunchTemplate_accountId_name_key" ON "Ec2LaunchTemplate"("accountId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ScalingPolicy_arn_key" ON "ScalingPolicy"("arn");

-- Task definitions registered before IAM existed name roles that were never created: create them, so
-- their tasks keep launching (ECS now checks that a task's roles exist). Execution roles get the policy
-- AWS's console attaches to ecsTaskExecutionRole. Only roles of the definition's own account.
INSERT OR IGNORE INTO "IamRole" ("accountId", "nameKey", "name", "id", "path", "arn", "assumeRolePolicy", "attachedPolicies")
SELECT "accountId", lower("name"), "name", 'AROA' || substr(upper(hex(randomblob(9))), 1, 17),
       substr("resource", 1, length("resource") - length("name")), "arn",
       '{"Version":"2012-10-17","Statement":[{"Sid":"","Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
       CASE WHEN "execution" THEN '["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"]' ELSE '[]' END
FROM (
  SELECT "accountId", "arn", "execution", substr("arn", instr("arn", ':role/') + 5) AS "resource",
         replace("arn", rtrim("arn", replace("arn", '/', '')), '') AS "name"
  FROM (
    SELECT DISTINCT "accountId", json_extract("definition", '$.executionRoleArn') AS "arn", 1 AS "execution" FROM "TaskDefinition"
    UNION
    SELECT DISTINCT "accountId", json_extract("definition", '$.taskRoleArn') AS "arn", 0 AS "execution" FROM "TaskDefinition"
  )
  WHERE "arn" LIKE 'arn:aws:iam::' || "accountId" || ':role/%'
  ORDER BY "execution" DESC
);
