-- CreateTable
CREATE TABLE "EcrRepository" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "registry" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "imageTagMutability" TEXT NOT NULL DEFAULT 'MUTABLE',
    "tagMutabilityExclusions" TEXT NOT NULL DEFAULT '[]',
    "scanOnPush" BOOLEAN NOT NULL DEFAULT false,
    "encryption" TEXT NOT NULL DEFAULT '{"encryptionType":"AES256"}',
    "policyText" TEXT,
    "lifecyclePolicyText" TEXT,
    "lifecyclePolicyUpdatedAt" DATETIME,
    "lifecycleEvaluatedAt" DATETIME,
    "catalogData" TEXT NOT NULL DEFAULT '{}',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "version" INTEGER NOT NULL DEFAULT 1
);

-- CreateTable
CREATE TABLE "EcrImage" (
    "accountId" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "artifactMediaType" TEXT,
    "manifest" BLOB NOT NULL,
    "sizeInBytes" BIGINT NOT NULL,
    "subjectDigest" TEXT,
    "pushedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastPulledAt" DATETIME,
    "imageStatus" TEXT NOT NULL DEFAULT 'ACTIVE',
    "lastArchivedAt" DATETIME,
    "lastActivatedAt" DATETIME,

    PRIMARY KEY ("accountId", "repositoryId", "digest")
);

-- CreateTable
CREATE TABLE "EcrImageTag" (
    "accountId" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "digest" TEXT NOT NULL,

    PRIMARY KEY ("accountId", "repositoryId", "tag")
);

-- CreateTable
CREATE TABLE "EcrImageReference" (
    "accountId" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,
    "imageDigest" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "kind" TEXT NOT NULL,

    PRIMARY KEY ("accountId", "repositoryId", "imageDigest", "digest")
);

-- CreateTable
CREATE TABLE "EcrRepositoryBlob" (
    "accountId" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "usedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("accountId", "repositoryId", "digest")
);

-- CreateTable
CREATE TABLE "EcrBlob" (
    "accountId" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("accountId", "digest")
);

-- CreateTable
CREATE TABLE "EcrLifecyclePreview" (
    "accountId" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "policyText" TEXT NOT NULL,
    "results" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("accountId", "repositoryId")
);

-- CreateTable
CREATE TABLE "EcrLifecycleEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,
    "repositoryName" TEXT NOT NULL,
    "imageDigest" TEXT NOT NULL,
    "imageTags" TEXT NOT NULL DEFAULT '[]',
    "imagePushedAt" DATETIME NOT NULL,
    "rulePriority" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "EcrRepository_accountId_registry_name_key" ON "EcrRepository"("accountId", "registry", "name");

-- CreateIndex
CREATE INDEX "EcrImage_accountId_repositoryId_subjectDigest_idx" ON "EcrImage"("accountId", "repositoryId", "subjectDigest");

-- CreateIndex
CREATE INDEX "EcrImageTag_accountId_repositoryId_digest_idx" ON "EcrImageTag"("accountId", "repositoryId", "digest");

-- CreateIndex
CREATE INDEX "EcrImageReference_accountId_repositoryId_digest_idx" ON "EcrImageReference"("accountId", "repositoryId", "digest");

-- CreateIndex
CREATE INDEX "EcrRepositoryBlob_accountId_digest_idx" ON "EcrRepositoryBlob"("accountId", "digest");

-- CreateIndex
CREATE INDEX "EcrLifecycleEvent_accountId_repositoryId_occurredAt_idx" ON "EcrLifecycleEvent"("accountId", "repositoryId", "occurredAt");

