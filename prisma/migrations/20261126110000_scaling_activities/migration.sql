-- CreateTable
CREATE TABLE "ScalingActivity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "asgName" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "statusCode" TEXT NOT NULL DEFAULT 'InProgress',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "startTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endTime" DATETIME
);

-- CreateIndex
CREATE INDEX "ScalingActivity_asgName_startTime_idx" ON "ScalingActivity"("asgName", "startTime");

