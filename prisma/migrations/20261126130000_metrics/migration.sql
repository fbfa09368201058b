-- CreateTable
CREATE TABLE "MetricSample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cluster" TEXT NOT NULL,
    "service" TEXT,
    "taskId" TEXT NOT NULL,
    "containerInstanceId" TEXT,
    "timestamp" DATETIME NOT NULL,
    "cpuUnits" REAL NOT NULL,
    "memoryMiB" REAL NOT NULL,
    "cpuReserved" INTEGER NOT NULL,
    "memoryReserved" INTEGER NOT NULL,
    "clusterCpu" INTEGER NOT NULL,
    "clusterMemory" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "MetricSample_cluster_timestamp_idx" ON "MetricSample"("cluster", "timestamp");

-- CreateIndex
CREATE INDEX "MetricSample_taskId_timestamp_idx" ON "MetricSample"("taskId", "timestamp");

-- CreateIndex
CREATE INDEX "MetricSample_timestamp_idx" ON "MetricSample"("timestamp");

