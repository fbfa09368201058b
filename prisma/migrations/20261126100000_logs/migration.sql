-- CreateTable
CREATE TABLE "LogGroup" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "arn" TEXT NOT NULL,
    "retentionInDays" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "LogEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "taskId" TEXT NOT NULL,
    "container" TEXT NOT NULL,
    "timestamp" DATETIME NOT NULL,
    "ingestionTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "message" TEXT NOT NULL,
    "logGroup" TEXT,
    "logStream" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "LogGroup_arn_key" ON "LogGroup"("arn");

-- CreateIndex
CREATE INDEX "LogEvent_taskId_container_id_idx" ON "LogEvent"("taskId", "container", "id");

-- CreateIndex
CREATE INDEX "LogEvent_logGroup_logStream_timestamp_idx" ON "LogEvent"("logGroup", "logStream", "timestamp");

