/**
 * CloudWatch metrics of ECS (AWS/ECS): a service whose task burns CPU on a cluster of one instance;
 * its agent samples Docker every 10 s, and the AWS CLI v2 reads CPUUtilization and MemoryUtilization
 * with get-metric-statistics, per service and per cluster. Bad requests get CloudWatch's errors.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { after, before, test } from "node:test";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeContainerInstancesCommand,
  DescribeTasksCommand,
  ListContainerInstancesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
} from "@aws-sdk/client-ecs";
import { CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand } from "@aws-sdk/client-auto-scaling";
import { METRIC_RETENTION_MS, pruneIfDue } from "../src/metrics/ingest-route.ts";
import { credentials, startTestServer, waitFor, type TestServer } from "./support/test-server.ts";

const CLUSTER = "metrics";
const SERVICE = "burner";
let t: TestServer;
let registeredCpu = 0;

async function aws(...args: string[]): Promise<any> {
  const { stdout } = await promisify(execFile)("/usr/bin/aws", ["--endpoint-url", t.server.url, "--output", "json", ...args], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_DEFAULT_REGION: "us-east-1", AWS_PAGER: "" },
  });
  return stdout.trim() ? JSON.parse(stdout) : undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();
const serviceDims = ["Name=ClusterName,Value=" + CLUSTER, "Name=ServiceName,Value=" + SERVICE];

function statistics(metric: string, dimensions: string[], ...extra: string[]) {
  const now = Date.now();
  return aws(
    "cloudwatch", "get-metric-statistics",
    "--namespace", "AWS/ECS", "--metric-name", metric, "--dimensions", ...dimensions,
    "--start-time", iso(now - 10 * 60_000), "--end-time", iso(now + 60_000), "--period", "60",
    ...(extra.length ? extra : ["--statistics", "Average", "Minimum", "Maximum", "SampleCount", "Sum"]),
  );
}

/** A raw Query request, for what the CLI would refuse to send. */
async function query(params: Record<string, string>): Promise<{ status: number; body: string }> {
  const res = await fetch(`${t.server.url}/`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body: new URLSearchParams({ Version: "2010-08-01", ...params }).toString(),
  });
  return { status: res.status, body: await res.text() };
}

before(async () => {
  t = await startTestServer("127.81");
  await t.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  const userData = Buffer.from(`echo ECS_CLUSTER=${CLUSTER} >> /etc/ecs/ecs.config`).toString("base64");
  await t.autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "metrics-lc", ImageId: "ami-ecs", InstanceType: "t3.micro", UserData: userData }));
  await t.autoscaling.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: "metrics-asg", LaunchConfigurationName: "metrics-lc", MinSize: 0, MaxSize: 1, DesiredCapacity: 1 }));
  const [instanceArn] = await waitFor("an instance", async () => {
    const arns = (await t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }))).containerInstanceArns!;
    return arns.length === 1 ? arns : undefined;
  });
  const { containerInstances } = await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: [instanceArn!] }));
  registeredCpu = containerInstances![0]!.registeredResources!.find((r) => r.name === "CPU")!.integerValue!;
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: "burner",
      containerDefinitions: [{ name: "burn", image: "stevedore/sample-web:latest", cpu: 256, memory: 64, command: ["sh", "-c", "while :; do :; done"] }],
    }),
  );
  await t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: SERVICE, taskDefinition: "burner", desiredCount: 1 }));
  await waitFor("the service's task to run", async () => {
    const { taskArns } = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: SERVICE }));
    if (!taskArns?.length) return undefined;
    const { tasks } = await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: taskArns }));
    return tasks?.[0]?.lastStatus === "RUNNING";
  });
});
after(async () => {
  await t?.close();
});

test("get-metric-statistics: the service's CPUUtilization shows the busy loop over its 256 reserved units, MemoryUtilization above 0", async () => {
  const cpu = await waitFor(
    "CPUUtilization datapoints",
    async () => {
      const r = await statistics("CPUUtilization", serviceDims);
      return r.Datapoints.length && r.Datapoints.some((d: { Average: number }) => d.Average > 50) ? r : undefined;
    },
    45_000,
  );
  assert.equal(cpu.Label, "CPUUtilization");
  const busiest = cpu.Datapoints.reduce((a: any, b: any) => (b.Average > a.Average ? b : a));
  console.log(`service CPUUtilization datapoints: ${JSON.stringify(cpu.Datapoints)}`);
  // A busy thread is ~1024 units: ~400 % of 256 on an idle host; tolerant of a shared one.
  assert.ok(busiest.Average > 50, `Average ${busiest.Average}`);
  assert.equal(busiest.Unit, "Percent");
  assert.equal(busiest.SampleCount, 1, "one task");
  assert.ok(busiest.Minimum <= busiest.Average && busiest.Average <= busiest.Maximum);
  assert.ok(Math.abs(busiest.Sum - busiest.Average * busiest.SampleCount) < 1e-6);
  assert.match(busiest.Timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00(\+00:00|Z)$/, "periods start on the minute");

  const memory = await statistics("MemoryUtilization", serviceDims, "--statistics", "Average");
  console.log(`service MemoryUtilization datapoints: ${JSON.stringify(memory.Datapoints)}`);
  assert.ok(memory.Datapoints.length > 0);
  assert.ok(memory.Datapoints.every((d: { Average: number }) => d.Average > 0 && d.Average < 100));
  assert.deepEqual(Object.keys(memory.Datapoints[0]).sort(), ["Average", "Timestamp", "Unit"]);
});

test("get-metric-statistics per cluster: utilization over the instance's registered CPU, reservation 256 of it", async () => {
  const clusterDims = ["Name=ClusterName,Value=" + CLUSTER];
  const cpu = await statistics("CPUUtilization", clusterDims, "--statistics", "Maximum");
  console.log(`cluster CPUUtilization datapoints: ${JSON.stringify(cpu.Datapoints)} (registered CPU ${registeredCpu})`);
  assert.ok(cpu.Datapoints.some((d: { Maximum: number }) => d.Maximum > 50 * (256 / registeredCpu)), "the loop's share of the instance");
  const reservation = await statistics("CPUReservation", clusterDims, "--statistics", "Average");
  assert.ok(reservation.Datapoints.length > 0);
  for (const d of reservation.Datapoints) assert.ok(Math.abs(d.Average - (256 / registeredCpu) * 100) < 1e-6, String(d.Average));
  const memory = await statistics("MemoryUtilization", clusterDims, "--statistics", "Average");
  assert.ok(memory.Datapoints.some((d: { Average: number }) => d.Average > 0));
  // No such metric, or a unit it does not have: no datapoints, not an error.
  assert.deepEqual((await statistics("CPUReservation", serviceDims, "--statistics", "Average")).Datapoints, []);
  assert.deepEqual((await statistics("CPUUtilization", serviceDims, "--statistics", "Average", "--unit", "Bytes")).Datapoints, []);
  assert.deepEqual((await statistics("CPUUtilization", ["Name=ClusterName,Value=nope"], "--statistics", "Average")).Datapoints, []);
});

test("list-metrics: the cluster's four metrics and the service's two, filtered by dimension", async () => {
  const all = await aws("cloudwatch", "list-metrics", "--namespace", "AWS/ECS");
  const names = all.Metrics.map((m: any) => `${m.MetricName} ${m.Dimensions.map((d: any) => `${d.Name}=${d.Value}`).sort().join(",")}`).sort();
  assert.deepEqual(names, [
    `CPUReservation ClusterName=${CLUSTER}`,
    `CPUUtilization ClusterName=${CLUSTER}`,
    `CPUUtilization ClusterName=${CLUSTER},ServiceName=${SERVICE}`,
    `MemoryReservation ClusterName=${CLUSTER}`,
    `MemoryUtilization ClusterName=${CLUSTER}`,
    `MemoryUtilization ClusterName=${CLUSTER},ServiceName=${SERVICE}`,
  ]);
  const service = await aws("cloudwatch", "list-metrics", "--namespace", "AWS/ECS", "--metric-name", "CPUUtilization", "--dimensions", `Name=ServiceName,Value=${SERVICE}`);
  assert.equal(service.Metrics.length, 1);
  assert.deepEqual((await aws("cloudwatch", "list-metrics", "--namespace", "AWS/EC2")).Metrics, []);
});

test("bad requests get CloudWatch's errors", async () => {
  const now = Date.now();
  const base = ["cloudwatch", "get-metric-statistics", "--namespace", "AWS/ECS", "--metric-name", "CPUUtilization", "--dimensions", ...serviceDims];
  const range = ["--start-time", iso(now - 600_000), "--end-time", iso(now)];
  await assert.rejects(aws(...base, ...range, "--period", "60", "--statistics", "Median"), /InvalidParameterValue.*Statistics\.member\.1 must be a value in the set/);
  await assert.rejects(aws(...base, ...range, "--period", "45", "--statistics", "Average"), /InvalidParameterValue.*Period must be a multiple of 60/);
  await assert.rejects(
    aws(...base, "--start-time", iso(now), "--end-time", iso(now - 600_000), "--period", "60", "--statistics", "Average"),
    /InvalidParameterValue.*StartTime must be less than the parameter EndTime/,
  );
  await assert.rejects(aws(...base, ...range, "--period", "60"), /InvalidParameterCombination.*Must specify either Statistics or ExtendedStatistics/);
  await assert.rejects(
    aws(...base, "--start-time", iso(now - 2 * 86_400_000), "--end-time", iso(now), "--period", "60", "--statistics", "Average"),
    /InvalidParameterCombination.*exceeds the limit of 1,440/,
  );
  await assert.rejects(aws(...base, ...range, "--period", "60", "--statistics", "Average", "--unit", "Furlongs"), /InvalidParameterValue.*Unit/);

  const missing = await query({ Action: "GetMetricStatistics", Namespace: "AWS/ECS", StartTime: iso(now - 600_000), EndTime: iso(now), Period: "60", "Statistics.member.1": "Average" });
  assert.equal(missing.status, 400);
  assert.match(missing.body, /<Error><Type>Sender<\/Type><Code>MissingParameter<\/Code><Message>The parameter MetricName is required\.<\/Message><\/Error>/);
  const badTime = await query({ Action: "GetMetricStatistics", Namespace: "AWS/ECS", MetricName: "CPUUtilization", StartTime: "yesterday", EndTime: iso(now), Period: "60", "Statistics.member.1": "Average" });
  assert.match(badTime.body, /<Code>InvalidParameterValue<\/Code>/);
  const noValue = await query({ Action: "GetMetricStatistics", Namespace: "AWS/ECS", MetricName: "CPUUtilization", "Dimensions.member.1.Name": "ClusterName", StartTime: iso(now - 600_000), EndTime: iso(now), Period: "60", "Statistics.member.1": "Average" });
  assert.match(noValue.body, /<Code>MissingParameter<\/Code><Message>The parameter Dimensions\.member\.1\.Value is required\.<\/Message>/);
  const ok = await query({ Action: "ListMetrics", Namespace: "AWS/ECS", MetricName: "CPUReservation" });
  assert.match(ok.body, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<ListMetricsResponse xmlns="http:\/\/monitoring.amazonaws.com\/doc\/2010-08-01\/"><ListMetricsResult><Metrics><member><Namespace>AWS\/ECS<\/Namespace><MetricName>CPUReservation<\/MetricName><Dimensions><member><Name>ClusterName<\/Name><Value>metrics<\/Value><\/member><\/Dimensions><\/member><\/Metrics><\/ListMetricsResult><ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/ListMetricsResponse>$/);
});

test("the stats route: unknown tasks are skipped, a round sent again is kept once, malformed batches refused", async () => {
  const { taskArns } = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: SERVICE }));
  const { tasks } = await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [taskArns![0]!] }));
  const { containerInstances } = await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: [tasks![0]!.containerInstanceArn!] }));
  // As the task's own agent sends them: with the token its registration gave it.
  const token = t.server.agentToken(containerInstances![0]!.ec2InstanceId!)!;
  const post = (body: string, agentToken = token) =>
    fetch(`${t.server.url}/agent/v1/stats`, { method: "POST", headers: { "content-type": "application/json", "x-stevedore-agent-token": agentToken }, body });
  const sample = { taskArn: taskArns![0]!, containerName: "burn", timestamp: Date.now() - 5 * 60_000, cpuUnits: 10, memoryMiB: 5 };
  const batch = { cluster: CLUSTER, containerInstanceArn: "x", samples: [sample, { ...sample, taskArn: "arn:aws:ecs:us-east-1:123456789012:task/metrics/nope" }] };
  const first = await post(JSON.stringify(batch));
  assert.deepEqual(await first.json(), { accepted: 2, kept: 1 });
  const again = await post(JSON.stringify(batch));
  assert.deepEqual(await again.json(), { accepted: 2, kept: 0 });
  assert.equal((await post("{not json")).status, 400);
  assert.equal((await post(JSON.stringify({ cluster: CLUSTER }))).status, 400);
  assert.equal((await post(JSON.stringify(batch), "not-a-token")).status, 403);
});

test("samples are kept three hours: older ones are pruned", async () => {
  const db = t.server.ctx.db;
  const old = await db.metricSample.create({
    data: { cluster: CLUSTER, taskId: "old", timestamp: new Date(Date.now() - METRIC_RETENTION_MS - 60_000), cpuUnits: 1, memoryMiB: 1, cpuReserved: 1, memoryReserved: 1, clusterCpu: 1, clusterMemory: 1 },
  });
  const recent = await db.metricSample.count({ where: { cluster: CLUSTER, timestamp: { gte: new Date(Date.now() - 60 * 60_000) } } });
  await pruneIfDue(t.server.ctx, Date.now() + 10 * 60_000); // past the next prune
  assert.equal(await db.metricSample.count({ where: { id: old.id } }), 0);
  assert.equal(await db.metricSample.count({ where: { cluster: CLUSTER, timestamp: { gte: new Date(Date.now() - 60 * 60_000) } } }), recent);
});
