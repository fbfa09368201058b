/**
 * A class on one machine: N students (20), each in an account of their own, create an EC2 cluster
 * (a launch configuration, an Auto Scaling group of one t3.small) and a service of 2 tasks, all at
 * once, while a 21st user browses the console's pages (the API calls its pages make, one after
 * another). Not a test: prints how long until all 2N tasks were RUNNING (bar: 90 s) and the 21st
 * user's API latency while it happened (bar: p95 under 300 ms).
 *
 *   npm run bench -w apps/server                 (every bench of the server)
 *   node --import tsx apps/server/bench/class.bench.ts --students 20
 *
 * The server runs as `npm start` runs it, in a process of its own (the students' SDK calls stay off its
 * event loop); accounts are made and deleted with the operator's routes, as `npm run stevedore` does.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { CreateClusterCommand, CreateServiceCommand, DescribeClustersCommand, DescribeServicesCommand, ECSClient, ListClustersCommand, ListServicesCommand, ListTasksCommand, RegisterTaskDefinitionCommand } from "@aws-sdk/client-ecs";
import { AutoScalingClient, CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand } from "@aws-sdk/client-auto-scaling";
import { freePort, startServerProcess } from "../test/support/child-processes.ts";
import { operatorTokenFile } from "../src/workshops/operator-token.ts";

const { values: args } = parseArgs({ options: { students: { type: "string", default: "20" }, "tasks-per-service": { type: "string", default: "2" } } });
const STUDENTS = Number(args.students);
const TASKS = Number(args["tasks-per-service"]);
if (!Number.isInteger(STUDENTS) || STUDENTS < 1) throw new Error(`--students must be a positive integer, not ${args.students}`);
const RUNNING_BAR_S = 90;
const P95_BAR_MS = 300;

const say = (line = "") => process.stdout.write(`${line}\n`);
const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

interface Student {
  accountId: string;
  ecs: ECSClient;
  autoscaling: AutoScalingClient;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stevedore-bench-class-"));
const logFile = path.join(os.tmpdir(), `stevedore-bench-class-${process.pid}.log`);
const server = await startServerProcess({
  STEVEDORE_PORT: String(await freePort()),
  STEVEDORE_REGISTRY_PORT: String(await freePort()),
  STEVEDORE_DATA_DIR: dataDir,
  STEVEDORE_INSTANCE_NETWORK: "127.122",
  STEVEDORE_ETC_HOSTS: "off",
});
const token = fs.readFileSync(operatorTokenFile(dataDir), "utf8").trim();

async function operator(method: string, route: string, body?: unknown): Promise<any> {
  const res = await fetch(`${server.url}/stevedore/v1/operator${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function newStudent(name: string): Promise<Student> {
  const created = await operator("POST", "/accounts", { name });
  const config = { endpoint: server.url, region: "us-east-1", credentials: { accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey } };
  return { accountId: created.accountId, ecs: new ECSClient(config), autoscaling: new AutoScalingClient(config) };
}

/** What a student does in the first lab: an EC2 cluster of one instance and a service of TASKS tasks. */
async function firstLab(s: Student): Promise<void> {
  await s.ecs.send(new CreateClusterCommand({ clusterName: "lab" }));
  const userData = Buffer.from("#!/bin/bash\necho ECS_CLUSTER=lab >> /etc/ecs/ecs.config\n").toString("base64");
  await s.autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "lab", ImageId: "ami-ecs", InstanceType: "t3.small", UserData: userData }));
  await s.autoscaling.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: "lab", LaunchConfigurationName: "lab", MinSize: 0, MaxSize: 2, DesiredCapacity: 1, AvailabilityZones: ["us-east-1a"] }));
  await s.ecs.send(
    new RegisterTaskDefinitionCommand({ family: "web", containerDefinitions: [{ name: "web", image: "stevedore/sample-web:latest", memory: 64, cpu: 128, portMappings: [{ containerPort: 80 }] }] }),
  );
  // As the console's first lab does: the service is created at once; its tasks wait for the instance.
  for (;;) {
    try {
      await s.ecs.send(new CreateServiceCommand({ cluster: "lab", serviceName: "web", taskDefinition: "web", desiredCount: TASKS }));
      return;
    } catch (err) {
      if ((err as Error).name !== "InvalidParameterException") throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function runningCount(s: Student): Promise<number> {
  const out = await s.ecs.send(new DescribeServicesCommand({ cluster: "lab", services: ["web"] }));
  return out.services?.[0]?.runningCount ?? 0;
}

/** The 21st user: the console's cluster list and a cluster's page, one call after another, each timed. */
async function browse(s: Student, stop: AbortSignal, latencies: number[]): Promise<void> {
  const pages = [
    () => s.ecs.send(new ListClustersCommand({})),
    () => s.ecs.send(new DescribeClustersCommand({ clusters: ["lab"], include: ["STATISTICS"] })),
    () => s.ecs.send(new ListServicesCommand({ cluster: "lab" })),
    () => s.ecs.send(new DescribeServicesCommand({ cluster: "lab", services: ["web"] })),
    () => s.ecs.send(new ListTasksCommand({ cluster: "lab" })),
  ];
  for (let i = 0; !stop.aborted; i++) {
    const started = performance.now();
    await pages[i % pages.length]!();
    latencies.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let failed = false;
const students: Student[] = [];
try {
  say(`A class of ${STUDENTS}: each student's account creates an EC2 cluster (one t3.small) and a service of ${TASKS} tasks, all at once; a ${STUDENTS + 1}st user browses the console's API meanwhile`);
  for (let i = 1; i <= STUDENTS; i++) students.push(await newStudent(`student-${i}`));
  const observer = await newStudent("observer");
  await observer.ecs.send(new CreateClusterCommand({ clusterName: "lab" }));
  await observer.ecs.send(new RegisterTaskDefinitionCommand({ family: "web", containerDefinitions: [{ name: "web", image: "stevedore/sample-web:latest", memory: 64 }] }));
  await observer.ecs.send(new CreateServiceCommand({ cluster: "lab", serviceName: "web", taskDefinition: "web", desiredCount: 0 }));

  const idle: number[] = [];
  const idleStop = new AbortController();
  const idleRun = browse(observer, idleStop.signal, idle);
  await new Promise((r) => setTimeout(r, 3_000));
  idleStop.abort();
  await idleRun;

  const latencies: number[] = [];
  const stop = new AbortController();
  const browsing = browse(observer, stop.signal, latencies);
  const started = performance.now();
  const doneAt = new Map<string, number>();
  await Promise.all(
    students.map(async (s) => {
      await firstLab(s);
      while ((await runningCount(s)) < TASKS) {
        if (performance.now() - started > 300_000) throw new Error(`account ${s.accountId}: its tasks were not RUNNING after 300 s`);
        await new Promise((r) => setTimeout(r, 1_000));
      }
      doneAt.set(s.accountId, (performance.now() - started) / 1000);
    }),
  );
  const allRunning = (performance.now() - started) / 1000;
  const [load] = os.loadavg();
  stop.abort();
  await browsing;
  const times = [...doneAt.values()];
  say(`  all ${STUDENTS * TASKS} tasks RUNNING after ${allRunning.toFixed(1)} s (per student: median ${percentile(times, 50).toFixed(1)} s, last ${Math.max(...times).toFixed(1)} s); bar ${RUNNING_BAR_S} s: ${allRunning <= RUNNING_BAR_S ? "met" : "NOT met"}`);
  const p95 = percentile(latencies, 95);
  say(
    `  the ${STUDENTS + 1}st user's API calls meanwhile: ${latencies.length} calls, p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms (idle server: p50 ${percentile(idle, 50).toFixed(0)} ms, p95 ${percentile(idle, 95).toFixed(0)} ms); bar p95 < ${P95_BAR_MS} ms: ${p95 < P95_BAR_MS ? "met" : "NOT met"}`,
  );
  const cleanup = performance.now();
  const removed = await Promise.all(students.map((s) => operator("DELETE", `/accounts/${s.accountId}`)));
  say(`  the machine: ${os.cpus().length} CPUs, load average ${load!.toFixed(1)} at the end (other work on it slows both numbers)`);
  say(`  ${STUDENTS} accounts deleted (containers included: ${removed.reduce((n, r) => n + r.containersRemoved, 0)}) in ${((performance.now() - cleanup) / 1000).toFixed(1)} s`);
  await operator("DELETE", `/accounts/${observer.accountId}`);
} catch (err) {
  failed = true;
  console.error(err);
  // Whatever happened, no student's container outlives the bench.
  await Promise.all(students.map((s) => operator("DELETE", `/accounts/${s.accountId}`).catch(() => undefined)));
} finally {
  fs.writeFileSync(logFile, server.output());
  await server.stop();
  say(`  the server's log: ${logFile}`);
  if (!failed) fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
}
if (failed) process.exitCode = 1;
