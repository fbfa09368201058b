-- AlterTable
ALTER TABLE "ContainerInstance" ADD COLUMN "agentTokenHash" TEXT;

-- AlterTable
ALTER TABLE "Ec2Instance" ADD COLUMN "launchToken" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ContainerInstance_agentTokenHash_key" ON "ContainerInstance"("agentTokenHash");

