-- CreateTable
CREATE TABLE "ElbLoadBalancer" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "dnsName" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "scheme" TEXT NOT NULL DEFAULT 'internet-facing',
    "ipAddressType" TEXT NOT NULL DEFAULT 'ipv4',
    "vpcId" TEXT NOT NULL,
    "zones" TEXT NOT NULL DEFAULT '[]',
    "securityGroups" TEXT NOT NULL DEFAULT '[]',
    "attributes" TEXT NOT NULL DEFAULT '{}',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ElbTargetGroup" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "protocol" TEXT NOT NULL DEFAULT 'HTTP',
    "port" INTEGER NOT NULL,
    "vpcId" TEXT NOT NULL,
    "targetType" TEXT NOT NULL DEFAULT 'instance',
    "healthCheck" TEXT NOT NULL,
    "attributes" TEXT NOT NULL DEFAULT '{}',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ElbListener" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "loadBalancerArn" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "protocol" TEXT NOT NULL DEFAULT 'HTTP',
    "defaultActions" TEXT NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ElbRule" (
    "arn" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "listenerArn" TEXT NOT NULL,
    "priority" INTEGER NOT NULL,
    "conditions" TEXT NOT NULL,
    "actions" TEXT NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ElbTarget" (
    "accountId" TEXT NOT NULL,
    "targetGroupArn" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "availabilityZone" TEXT,
    "registeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deregisteredAt" DATETIME,

    PRIMARY KEY ("targetGroupArn", "targetId", "port")
);

-- CreateIndex
CREATE UNIQUE INDEX "ElbLoadBalancer_accountId_name_key" ON "ElbLoadBalancer"("accountId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ElbLoadBalancer_address_key" ON "ElbLoadBalancer"("address");

-- CreateIndex
CREATE UNIQUE INDEX "ElbTargetGroup_accountId_name_key" ON "ElbTargetGroup"("accountId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ElbListener_loadBalancerArn_port_key" ON "ElbListener"("loadBalancerArn", "port");

-- CreateIndex
CREATE UNIQUE INDEX "ElbRule_listenerArn_priority_key" ON "ElbRule"("listenerArn", "priority");

-- CreateIndex
CREATE INDEX "ElbTarget_accountId_idx" ON "ElbTarget"("accountId");

