-- CreateTable
CREATE TABLE "AccountSetting" (
    "accountId" TEXT NOT NULL DEFAULT '',
    "principalArn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("accountId", "principalArn", "name")
);

-- AlterTable (added columns, so that other migrations' changes to Cluster merge)
ALTER TABLE "Cluster" ADD COLUMN "configuration" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "Cluster" ADD COLUMN "serviceConnectDefaults" TEXT NOT NULL DEFAULT '{}';
