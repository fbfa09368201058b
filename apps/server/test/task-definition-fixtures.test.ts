/**
 * Real task definitions from public sources (AWS documentation, the AWS CLI's examples,
 * aws-samples/aws-containers-task-definitions, the ECS agent's functional tests), checked in
 * unchanged under fixtures/task-definitions (SOURCES.md says where each comes from). Each one:
 *
 *  - registers as published and describes back equal: every field and value of the fixture is in
 *    DescribeTaskDefinition's answer, which may add what ECS adds (container cpu 0, essential true,
 *    empty lists, a port mapping's protocol and host port);
 *  - where it can run here, runs on Docker with its fields in effect on the container (docker inspect).
 *
 * Nothing can be pulled, so each image a runnable fixture names is, for the run, a local tag of
 * stevedore/sample-web (busybox + httpd). Fixtures whose command needs the real program (a JVM, ...)
 * are still run: ECS's behaviour for a command that can't start is the check then.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import {
  CreateClusterCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListContainerInstancesCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  type RegisterTaskDefinitionCommandInput,
  type RunTaskCommandOutput,
  type Task,
} from "@aws-sdk/client-ecs";
import { CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand, DeleteAutoScalingGroupCommand } from "@aws-sdk/client-auto-scaling";
import { dockerContainers, dockerInspect, startTestServer, waitFor, type TestServer } from "./support/test-server.ts";

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures/task-definitions");
const NAMES = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -".json".length))
  .sort();
const fixture = (name: string): Record<string, any> => JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8"));

/**
 * Fixtures that ask for what this Stevedore's safety policy refuses unless its operator allows it.
 * They register as on ECS; RunTask refuses them, naming the field and the operator's switch.
 */
const NEEDS_SWITCH: Record<string, RegExp> = {
  "samples-consul-server": /networkMode: .*STEVEDORE_ALLOW_HOST_NETWORK=1/,
  "docs-neuron-inf1": /linuxParameters\.devices: .*STEVEDORE_ALLOW_PRIVILEGED=1/,
};

/**
 * Values ECS rewrites on registration: fixture name → path in the definition → the value that
 * DescribeTaskDefinition shows there instead of the fixture's. None of these fixtures holds one (ECS
 * keeps every value they set and only adds its defaults), so the list is empty; a value that ECS is
 * known to rewrite goes here, with a comment saying so.
 */
const NORMALISED: Record<string, Record<string, unknown>> = {};

/**
 * Where `expected` is not contained in `actual`: objects may have more keys, arrays are compared item
 * by item and have the same length, other values are equal, or equal to `normalised[path]` where given.
 */
function notContained(expected: unknown, actual: unknown, at: string, normalised: Record<string, unknown> = {}): string[] {
  if (at in normalised) expected = normalised[at];
  const differs = () => [`${at || "(definition)"}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return differs();
    const out = expected.flatMap((e, i) => notContained(e, actual[i], `${at}[${i}]`, normalised));
    if (actual.length !== expected.length) out.push(`${at}: expected ${expected.length} items, got ${actual.length}: ${JSON.stringify(actual)}`);
    return out;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return differs();
    return Object.entries(expected).flatMap(([k, v]) => notContained(v, (actual as Record<string, unknown>)[k], at ? `${at}.${k}` : k, normalised));
  }
  return Object.is(expected, actual) ? [] : differs();
}

let t: TestServer;
before(async () => {
  t = await startTestServer("127.74");
});
after(async () => {
  await t?.close();
});

describe("public task definitions register unchanged and describe back equal", () => {
  test("every fixture has its source and licence in SOURCES.md", () => {
    assert.ok(NAMES.length >= 12, `at least 12 fixtures (${NAMES.length})`);
    const sources = fs.readFileSync(path.join(FIXTURES, "SOURCES.md"), "utf8");
    for (const name of NAMES) assert.ok(sources.includes(`${name}.json`), `${name}.json is in SOURCES.md`);
  });

  for (const name of NAMES) {
    test(name, async () => {
      const def = fixture(name);
      const server = t;
      const registered = await server.ecs.send(new RegisterTaskDefinitionCommand(def as RegisterTaskDefinitionCommandInput));
      const { taskDefinition: described } = await server.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: `${def.family}:1` }));
      assert.ok(described);
      assert.deepEqual(described, registered.taskDefinition, "RegisterTaskDefinition answers what DescribeTaskDefinition shows");
      assert.equal(described.taskDefinitionArn, `arn:aws:ecs:us-east-1:${server.config.accountId}:task-definition/${def.family}:1`);
      assert.equal(described.revision, 1);
      assert.equal(described.status, "ACTIVE");
      const mismatches = notContained(def, described, "", NORMALISED[name]);
      assert.deepEqual(mismatches, [], `${name}: every field and value of the fixture comes back`);
      // What ECS adds to each container.
      for (const c of described.containerDefinitions!) {
        assert.equal(typeof c.cpu, "number", `${c.name}.cpu`);
        assert.equal(typeof c.essential, "boolean", `${c.name}.essential`);
        for (const list of ["portMappings", "environment", "mountPoints", "volumesFrom"] as const) assert.ok(Array.isArray(c[list]), `${c.name}.${list}`);
        for (const pm of c.portMappings!) {
          assert.ok(pm.protocol === "tcp" || pm.protocol === "udp", `${c.name} port ${pm.containerPort} has a protocol`);
          assert.equal(typeof pm.hostPort, "number", `${c.name} port ${pm.containerPort} has a host port`);
        }
      }
      const fargateReady = def.networkMode === "awsvpc" && def.cpu !== undefined && def.memory !== undefined;
      assert.deepEqual([...described.compatibilities!].sort(), fargateReady ? ["EC2", "FARGATE"] : ["EC2"]);
    });
  }
});

// ---------------------------------------------------------------------------------------------

const CLUSTER = "fixtures";
const MIB = 1024 * 1024;

/**
 * The fixtures run here; every image they name is a local tag of the sample image while this file
 * runs. Not run: docs-webserver-fargate (FARGATE only; RunTask's FARGATE launch type isn't supported
 * yet), docs-entrypoint-ping (it pings google.com: the name lookup would leave this machine),
 * samples-consul-server and docs-neuron-inf1 (host network, host devices: the safety policy refuses
 * them at launch, see NEEDS_SWITCH; never given the real host).
 */
const RUNNABLE = [
  "cli-sleep360",
  "cli-web-timer",
  "docs-wordpress-mysql",
  "docs-ecr-image-task-role",
  "docs-firelens-cloudwatch",
  "samples-nginx-ec2",
  "samples-gunicorn-ec2",
  "samples-wildfly-ec2",
  "agent-ulimit",
  "agent-labels",
  "agent-container-ordering",
  // Not placed on instances without GPUs (see its test); tagged so that a wrong placement can't pull.
  "docs-gpu",
];
const SAMPLE_IMAGE = "stevedore/sample-web:latest";
const tagged: string[] = [];

function imageExists(image: string): boolean {
  try {
    execFileSync("docker", ["image", "inspect", image], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

async function describeTask(arn: string): Promise<Task> {
  return (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [arn] }))).tasks![0]!;
}

const waitForStatus = (arn: string, status: string, timeoutMs = 30_000) =>
  waitFor(`task ${arn} to be ${status}`, async () => {
    const task = await describeTask(arn);
    return task.lastStatus === status ? task : undefined;
  }, timeoutMs);

/** The task's Docker containers, inspected, by container name. */
function containersOf(task: Task): Record<string, any> {
  const out: Record<string, any> = {};
  for (const id of dockerContainers([`label=com.amazonaws.ecs.task-arn=${task.taskArn}`])) {
    const inspected = dockerInspect(id);
    out[inspected.Config.Labels["com.amazonaws.ecs.container-name"]] = inspected;
  }
  return out;
}

const envOf = (inspected: any): Record<string, string> =>
  Object.fromEntries((inspected.Config.Env as string[]).map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));

const binding = (task: Task, container: string, containerPort: number) =>
  task.containers!.find((c) => c.name === container)!.networkBindings!.find((b) => b.containerPort === containerPort)!;

async function page(url: string): Promise<string> {
  return waitFor(`${url} to answer`, async () => {
    const res = await fetch(url);
    return res.ok ? res.text() : undefined;
  });
}

describe("the runnable ones run on Docker with their fields in effect", () => {
  const launched: Record<string, Promise<RunTaskCommandOutput>> = {};

  test("those that need an operator's switch are refused at launch, naming the field and the switch", async () => {
    for (const [name, reason] of Object.entries(NEEDS_SWITCH)) {
      const def = fixture(name);
      const out = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: `${def.family}:1` }));
      assert.deepEqual(out.tasks, [], name);
      assert.match(out.failures?.[0]?.reason ?? "", reason, name);
      assert.match(out.failures?.[0]?.reason ?? "", /^Stevedore's safety policy refused the task: /, name);
    }
  });
  const started = async (name: string): Promise<Task> => {
    const out = await launched[name]!;
    assert.deepEqual(out.failures, [], `${name} is placed`);
    return out.tasks![0]!;
  };

  before(async () => {
    for (const image of new Set(RUNNABLE.flatMap((n) => fixture(n).containerDefinitions.map((c: { image: string }) => c.image)))) {
      if (imageExists(image)) continue; // never replace an image this machine has; only the tags made here are removed
      execFileSync("docker", ["tag", SAMPLE_IMAGE, image]);
      tagged.push(image);
    }
    await t.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
    const userData = Buffer.from(`#!/bin/bash\necho ECS_CLUSTER=${CLUSTER} >> /etc/ecs/ecs.config\n`).toString("base64");
    await t.autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "fixtures-lc", ImageId: "ami-ecs", InstanceType: "m5.large", UserData: userData }));
    await t.autoscaling.send(
      new CreateAutoScalingGroupCommand({ AutoScalingGroupName: "fixtures-asg", LaunchConfigurationName: "fixtures-lc", MinSize: 0, MaxSize: 2, DesiredCapacity: 2, AvailabilityZones: ["us-east-1a", "us-east-1b"] }),
    );
    await waitFor("two registered container instances", async () => {
      const out = await t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }));
      return out.containerInstanceArns?.length === 2;
    });
    // Every runnable fixture at once (they were registered above, as revision 1). awsvpc tasks get the
    // network configuration ECS requires for them; the fixture itself is never changed.
    for (const name of RUNNABLE) {
      const def = fixture(name);
      launched[name] = t.ecs.send(
        new RunTaskCommand({
          cluster: CLUSTER,
          taskDefinition: `${def.family}:1`,
          ...(def.networkMode === "awsvpc" ? { networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0123456789abcdef0"] } } } : {}),
        }),
      );
      launched[name].catch(() => {}); // reported by the fixture's own test
    }
  });

  after(async () => {
    try {
      await t.autoscaling.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: "fixtures-asg", ForceDelete: true }));
      // The instances terminate (their tasks stop) before the server closes.
      await waitFor("the container instances to deregister", async () => {
        const out = await t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }));
        return out.containerInstanceArns?.length === 0;
      }, 90_000);
    } finally {
      for (const image of tagged) execFileSync("docker", ["rmi", image], { stdio: "ignore" });
    }
  });

  test("cli-sleep360: command, cpu shares and hard memory limit", async () => {
    const task = await waitForStatus((await started("cli-sleep360")).taskArn!, "RUNNING");
    const { sleep } = containersOf(task);
    assert.equal(sleep.State.Running, true);
    assert.equal(sleep.Config.Image, "busybox");
    assert.deepEqual(sleep.Config.Cmd, ["sleep", "360"]);
    assert.equal(sleep.HostConfig.CpuShares, 10);
    assert.equal(sleep.HostConfig.Memory, 10 * MIB);
  });

  test("cli-web-timer: limits, entry point and command, host port 80 on the instance's address", async () => {
    const task = await waitForStatus((await started("cli-web-timer")).taskArn!, "RUNNING");
    const { web, timer } = containersOf(task);
    assert.equal(web.HostConfig.CpuShares, 99);
    assert.equal(web.HostConfig.Memory, 100 * MIB);
    const b = binding(task, "web", 80);
    assert.match(b.bindIP!, /^127\.74\.0\.\d+$/);
    assert.equal(b.hostPort, 80);
    assert.deepEqual(web.HostConfig.PortBindings["80/tcp"], [{ HostIp: b.bindIP, HostPort: "80" }]);
    assert.match(await page(`http://${b.bindIP}:80/`), /Hello from Stevedore/);
    assert.equal(timer.HostConfig.CpuShares, 10);
    assert.equal(timer.HostConfig.Memory, 20 * MIB);
    assert.deepEqual(timer.Config.Entrypoint, ["sh", "-c"]);
    assert.deepEqual(timer.Config.Cmd, ["while true; do date > /nginx/index.html; sleep 1; done"]);
    assert.equal(timer.State.Running, true);
  });

  test("cli-web-timer: the host volume is mounted read-only on web and read-write on timer, one folder for both", async () => {
    const task = await waitForStatus((await started("cli-web-timer")).taskArn!, "RUNNING");
    const { web, timer } = containersOf(task);
    const mount = (c: any, dest: string) => (c.Mounts as any[]).find((m) => m.Destination.replace(/\/$/, "") === dest);
    const onWeb = mount(web, "/usr/share/nginx/html");
    const onTimer = mount(timer, "/nginx");
    assert.ok(onWeb, `web mounts /usr/share/nginx/html: ${JSON.stringify(web.Mounts)}`);
    assert.ok(onTimer, `timer mounts /nginx/: ${JSON.stringify(timer.Mounts)}`);
    assert.equal(onWeb.RW, false);
    assert.equal(onTimer.RW, true);
    assert.equal(onWeb.Source, onTimer.Source);
    assert.match(onWeb.Source, /\/ecs\/webdata$/);
    // What timer writes, web sees.
    const written = await waitFor("the timer's page on web", async () => {
      try {
        return execFileSync("docker", ["exec", web.Id, "cat", "/usr/share/nginx/html/index.html"], { encoding: "utf8" }) || undefined;
      } catch {
        return undefined;
      }
    }, 15_000);
    assert.match(written, /\d\d:\d\d:\d\d/);
  });

  test("docs-wordpress-mysql: the link, host port 80, environment and limits", async () => {
    const task = await waitForStatus((await started("docs-wordpress-mysql")).taskArn!, "RUNNING");
    const { wordpress, mysql } = containersOf(task);
    for (const c of [wordpress, mysql]) {
      assert.equal(c.HostConfig.CpuShares, 10);
      assert.equal(c.HostConfig.Memory, 500 * MIB);
    }
    assert.equal(envOf(mysql).MYSQL_ROOT_PASSWORD, "password");
    assert.deepEqual(wordpress.HostConfig.Links, [`${mysql.Name}:${wordpress.Name}/mysql`]);
    const b = binding(task, "wordpress", 80);
    assert.equal(b.hostPort, 80);
    assert.match(b.bindIP!, /^127\.74\.0\.\d+$/);
    // Docker's link gives wordpress mysql's environment; the sample page lists the environment.
    assert.match(await page(`http://${b.bindIP}:80/`), /MYSQL_ENV_MYSQL_ROOT_PASSWORD=password/);
  });

  test("docs-ecr-image-task-role: the ECR image's name, limits", async () => {
    const task = await waitForStatus((await started("docs-ecr-image-task-role")).taskArn!, "RUNNING");
    const app = containersOf(task)["sample-app"];
    assert.equal(app.Config.Image, "123456789012.dkr.ecr.us-west-2.amazonaws.com/aws-nodejs-sample:v1");
    assert.equal(app.HostConfig.CpuShares, 10);
    assert.equal(app.HostConfig.Memory, 200 * MIB);
  });

  test("docs-firelens-cloudwatch: soft limits only (memoryReservation), no hard limit", async () => {
    const task = await waitForStatus((await started("docs-firelens-cloudwatch")).taskArn!, "RUNNING");
    const { log_router, app } = containersOf(task);
    assert.equal(log_router.HostConfig.MemoryReservation, 50 * MIB);
    assert.equal(app.HostConfig.MemoryReservation, 100 * MIB);
    assert.equal(log_router.HostConfig.Memory, 0);
    assert.equal(app.HostConfig.Memory, 0);
    assert.equal(log_router.HostConfig.CpuShares, 2, "no cpu: the smallest share, as the ECS agent gives");
  });

  test("samples-nginx-ec2: a dynamic host port on the instance's address that serves the page", async () => {
    const task = await waitForStatus((await started("samples-nginx-ec2")).taskArn!, "RUNNING");
    const { nginx } = containersOf(task);
    assert.equal(nginx.HostConfig.CpuShares, 256);
    assert.equal(nginx.HostConfig.Memory, 256 * MIB);
    const b = binding(task, "nginx", 80);
    assert.match(b.bindIP!, /^127\.74\.0\.\d+$/);
    assert.ok(b.hostPort! >= 1024, `a dynamic host port (${b.hostPort})`);
    assert.deepEqual(nginx.HostConfig.PortBindings["80/tcp"], [{ HostIp: b.bindIP, HostPort: "" }]);
    assert.match(await page(`http://${b.bindIP}:${b.hostPort}/`), /Hello from Stevedore/);
  });

  test("samples-gunicorn-ec2 (awsvpc): the task's cpu as a CPU limit, the container's memory, port 5000 as itself", async () => {
    const task = await waitForStatus((await started("samples-gunicorn-ec2")).taskArn!, "RUNNING");
    const { gunicorn, "~internal~ecs~pause": pause } = containersOf(task);
    assert.equal(gunicorn.HostConfig.NanoCpus, 0.5e9);
    assert.equal(gunicorn.HostConfig.Memory, 256 * MIB);
    const b = binding(task, "gunicorn", 5000);
    assert.equal(b.hostPort, 5000);
    // The task's network namespace is its pause container's, which publishes the port.
    assert.equal(gunicorn.HostConfig.NetworkMode, `container:${pause.Id}`);
    assert.deepEqual(pause.HostConfig.PortBindings["5000/tcp"], [{ HostIp: b.bindIP, HostPort: "5000" }]);
  });

  test("samples-wildfly-ec2: its command needs WildFly, so the task fails to start as on ECS", async () => {
    const task = await waitForStatus((await started("samples-wildfly-ec2")).taskArn!, "STOPPED");
    assert.equal(task.stopCode, "TaskFailedToStart");
    const wildfly = task.containers!.find((c) => c.name === "wildfly")!;
    assert.match(wildfly.reason ?? "", /^CannotStartContainerError: .*standalone\.sh.*no such file or directory/);
    const inspected = containersOf(task).wildfly;
    assert.deepEqual(inspected.Config.Cmd, fixture("samples-wildfly-ec2").containerDefinitions[0].command);
    assert.equal(inspected.HostConfig.CpuShares, 512);
    assert.equal(inspected.HostConfig.Memory, 1024 * MIB);
  });

  test("agent-ulimit: the container sees its nofile limits (the fixture's command exits 42 when it does)", async () => {
    const task = await waitForStatus((await started("agent-ulimit")).taskArn!, "STOPPED");
    assert.equal(task.stoppedReason, "Essential container in task exited");
    assert.equal(task.containers![0]!.exitCode, 42);
    assert.deepEqual(containersOf(task).exit.HostConfig.Ulimits, [{ Name: "nofile", Soft: 123, Hard: 234 }]);
  });

  test("agent-labels: the docker labels, with an empty value kept", async () => {
    const task = await waitForStatus((await started("agent-labels")).taskArn!, "STOPPED");
    assert.equal(task.containers![0]!.exitCode, 0);
    const labels = containersOf(task).labeled.Config.Labels;
    assert.equal(labels.label1, "");
    assert.equal(labels["com.foo.label2"], "value");
  });

  test("agent-container-ordering: SUCCESS, COMPLETE and HEALTHY dependencies hold back their containers; the health check as set", async () => {
    const task = await started("agent-container-ordering");
    const all = await waitFor("all six containers to have started", async () => {
      const cs = containersOf(task);
      const names = Object.keys(cs);
      return names.length === 6 && names.every((n) => cs[n].State.StartedAt !== "0001-01-01T00:00:00Z") ? cs : undefined;
    }, 40_000);
    const at = (s: string) => Date.parse(s);
    assert.ok(at(all.success.State.StartedAt) >= at(all["success-dependency"].State.FinishedAt), "success starts after its dependency exits");
    assert.equal(all["success-dependency"].State.ExitCode, 0);
    assert.ok(at(all.complete.State.StartedAt) >= at(all["complete-dependency"].State.FinishedAt), "complete starts after its dependency exits");
    const firstHealthy = (all["healthy-dependency"].State.Health?.Log ?? []).find((l: any) => l.ExitCode === 0);
    assert.ok(firstHealthy, "the health check ran and passed");
    assert.ok(at(all.healthy.State.StartedAt) >= at(firstHealthy.End) - 1000, "healthy starts once its dependency is healthy");
    // Docker leaves out a StartPeriod of 0.
    assert.deepEqual({ StartPeriod: 0, ...all["healthy-dependency"].Config.Healthcheck }, { Test: ["CMD-SHELL", "echo hello"], Interval: 5e9, Timeout: 50e9, Retries: 3, StartPeriod: 0 });
    await waitFor("ECS to report healthy-dependency HEALTHY", async () => {
      const c = (await describeTask(task.taskArn!)).containers!.find((x) => x.name === "healthy-dependency");
      return c?.healthStatus === "HEALTHY";
    }, 15_000);
    for (const c of Object.values(all)) assert.equal(c.HostConfig.Memory, 64 * MIB);
    await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: task.taskArn! }));
  });

  // ECS: "RESOURCE:GPU — the number of GPUs requested by the task are unavailable on the given container instance".
  test("docs-gpu: a task that needs 2 GPUs is not placed on instances that have none", async () => {
    const out = await launched["docs-gpu"]!;
    assert.deepEqual(out.tasks, []);
    assert.deepEqual([...new Set(out.failures!.map((f) => f.reason))], ["RESOURCE:GPU"]);
  });
});
