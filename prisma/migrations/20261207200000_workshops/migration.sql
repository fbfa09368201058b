-- AlterTable
ALTER TABLE "Account" ADD COLUMN "quotaInstances" INTEGER;
ALTER TABLE "Account" ADD COLUMN "quotaMemoryMiB" INTEGER;
ALTER TABLE "Account" ADD COLUMN "quotaRunningTasks" INTEGER;

-- CreateTable
CREATE TABLE "SignInLink" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "accessKeyId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "SignInLink_accountId_idx" ON "SignInLink"("accountId");

