/**
 * Services on the real Docker Engine: a service keeps its tasks running and replaces a killed
 * container; rolling updates stay within minimumHealthyPercent and maximumPercent at every sample; a
 * failing revision trips the circuit breaker and rolls back; a DAEMON service follows its instances;
 * a static port leaves tasks unplaced until the Auto Scaling group grows.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, describe, test } from "node:test";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListContainerInstancesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type Service,
} from "@aws-sdk/client-ecs";
import { CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand, SetDesiredCapacityCommand } from "@aws-sdk/client-auto-scaling";
import { dockerContainers, startTestServer, waitFor, type TestServer } from "./support/test-server.ts";

const CLUSTER = "services";
let t: TestServer;

const describeService = async (name: string): Promise<Service> =>
  (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [name] }))).services![0]!;

const messages = (s: Service) => (s.events ?? []).map((e) => e.message!);

async function steady(name: string, timeoutMs = 90_000): Promise<Service> {
  return waitFor(`${name} to reach a steady state`, async () => {
    const s = await describeService(name);
    const done = s.deployments?.length === 1 && s.deployments[0]!.rolloutState === "COMPLETED" && s.runningCount === s.desiredCount && s.pendingCount === 0;
    return done && messages(s)[0]?.endsWith("has reached a steady state.") ? s : undefined;
  }, timeoutMs);
}

async function register(family: string, extra: Record<string, unknown> = {}) {
  const { taskDefinition } = await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      containerDefinitions: [{ name: "web", image: "stevedore/sample-web:latest", memory: 32, cpu: 64, stopTimeout: 2, portMappings: [{ containerPort: 80 }], ...extra }],
    }),
  );
  return taskDefinition!.taskDefinitionArn!;
}

before(async () => {
  t = await startTestServer("127.78");
  await t.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  const userData = Buffer.from(`#!/bin/bash\necho ECS_CLUSTER=${CLUSTER} >> /etc/ecs/ecs.config\n`).toString("base64");
  await t.autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "svc-lc", ImageId: "ami-ecs", InstanceType: "t3.medium", UserData: userData }));
  await t.autoscaling.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: "svc-asg", LaunchConfigurationName: "svc-lc", MinSize: 0, MaxSize: 4, DesiredCapacity: 2, AvailabilityZones: ["us-east-1a", "us-east-1b"] }));
  await waitFor("two instances", async () => (await t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }))).containerInstanceArns!.length === 2);
});
after(async () => {
  await t?.close();
});

describe("services", () => {
  test("a service runs its desired count, says so in ECS's words, and replaces a killed container", async () => {
    const arn = await register("svc-web");
    const { service } = await t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: "web", taskDefinition: arn, desiredCount: 3 }));
    assert.equal(service?.status, "ACTIVE");
    assert.equal(service?.deployments?.[0]?.rolloutState, "IN_PROGRESS");
    const s = await steady("web");
    const texts = messages(s);
    assert.ok(texts.some((m) => /^\(service web\) has started 3 tasks: (\(task [0-9a-f]{32}\) ?){3}\.$/.test(m)), texts.join("\n"));
    assert.ok(texts.includes(`(service web) (deployment ${s.deployments![0]!.id}) deployment completed.`));
    assert.match(s.deployments![0]!.id!, /^ecs-svc\/\d{19}$/);

    const { taskArns } = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: "web" }));
    const victim = taskArns![0]!;
    const [container] = dockerContainers([`label=com.amazonaws.ecs.task-arn=${victim}`]);
    execFileSync("docker", ["kill", container!]);
    const replaced = await waitFor("a replacement task", async () => {
      const now = (await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: "web" }))).taskArns!;
      const { tasks } = await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: now }));
      return !now.includes(victim) && tasks!.filter((x) => x.lastStatus === "RUNNING").length === 3 ? now : undefined;
    }, 30_000);
    assert.equal(replaced.length, 3);
    const stopped = (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [victim] }))).tasks![0]!;
    assert.equal(stopped.stoppedReason, "Essential container in task exited");
    assert.equal(stopped.group, "service:web");
  });

  for (const [min, max, desired] of [[50, 200, 4], [100, 150, 4]] as const) {
    test(`a rolling update with min ${min}% / max ${max}% never leaves those bounds`, async () => {
      const name = `roll-${min}-${max}`;
      const v1 = await register(name);
      await t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: name, taskDefinition: v1, desiredCount: desired, deploymentConfiguration: { minimumHealthyPercent: min, maximumPercent: max } }));
      await steady(name);
      const v2 = await register(name, { environment: [{ name: "VERSION", value: "2" }] });
      await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: name, taskDefinition: v2 }));
      const maxTotal = Math.floor((desired * max) / 100);
      const minHealthy = Math.ceil((desired * min) / 100);
      let samples = 0;
      const done = await waitFor(`${name} to roll out`, async () => {
        const arns = [
          ...(await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: name }))).taskArns!,
          ...(await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: name, desiredStatus: "STOPPED" }))).taskArns!,
        ];
        const { tasks } = await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: arns }));
        const notStopped = tasks!.filter((x) => x.lastStatus !== "STOPPED");
        const running = tasks!.filter((x) => x.lastStatus === "RUNNING" && x.desiredStatus === "RUNNING");
        samples++;
        assert.ok(notStopped.length <= maxTotal, `${notStopped.length} tasks exceed maximumPercent (${maxTotal})`);
        assert.ok(running.length >= minHealthy, `${running.length} running tasks are under minimumHealthyPercent (${minHealthy})`);
        const s = await describeService(name);
        return s.deployments?.length === 1 && s.deployments[0]!.taskDefinition === v2 && s.deployments[0]!.rolloutState === "COMPLETED" && s.runningCount === desired ? s : undefined;
      }, 120_000);
      assert.ok(samples > 3, "the rollout was sampled throughout");
      assert.equal(done.taskDefinition, v2);
    });
  }

  test("a revision whose container exits at once trips the circuit breaker and rolls back", async () => {
    const good = await register("breaker");
    await t.ecs.send(
      new CreateServiceCommand({
        cluster: CLUSTER,
        serviceName: "breaker",
        taskDefinition: good,
        desiredCount: 2,
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true }, minimumHealthyPercent: 100, maximumPercent: 200 },
      }),
    );
    const first = await steady("breaker");
    const goodDeployment = first.deployments![0]!.id!;
    const bad = await register("breaker", { command: ["sh", "-c", "exit 1"] });
    const { service } = await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: "breaker", taskDefinition: bad }));
    const failedDeployment = service!.deployments!.find((d) => d.status === "PRIMARY")!.id!;
    let last: Service | undefined;
    const rolledBack = await waitFor("the rollback to finish", async () => {
      const s = await describeService("breaker");
      const texts = messages(s);
      last = s;
      return texts.includes(`(service breaker) rolling back to deployment ${goodDeployment}.`) && s.deployments!.length === 1 && s.deployments![0]!.rolloutState === "COMPLETED" ? s : undefined;
    }, 120_000).catch((err) => {
      throw new Error(`${err.message}; the service said: ${JSON.stringify({ deployments: last?.deployments, events: messages(last!).slice(0, 12) }, null, 1)}`);
    });
    const texts = messages(rolledBack);
    assert.ok(texts.includes(`(service breaker) (deployment ${failedDeployment}) deployment failed: tasks failed to start.`));
    assert.equal(rolledBack.taskDefinition, good);
    assert.equal(rolledBack.deployments![0]!.taskDefinition, good);
    assert.equal(rolledBack.runningCount, 2);
  });

  test("a DAEMON service runs one task on each instance and follows the Auto Scaling group", async () => {
    const arn = await register("daemon", { portMappings: [] });
    await t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: "daemon", taskDefinition: arn, schedulingStrategy: "DAEMON" }));
    const onEach = async (n: number) =>
      waitFor(`the daemon on ${n} instances`, async () => {
        const s = await describeService("daemon");
        const { taskArns } = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: "daemon" }));
        if (s.runningCount !== n || s.desiredCount !== n || taskArns!.length !== n) return undefined;
        const { tasks } = await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: taskArns }));
        return new Set(tasks!.map((x) => x.containerInstanceArn)).size === n;
      }, 90_000);
    await onEach(2);
    await t.autoscaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: "svc-asg", DesiredCapacity: 3 }));
    await onEach(3);
    await t.autoscaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: "svc-asg", DesiredCapacity: 2 }));
    await onEach(2);
  });

  test("a static host port on every instance leaves a task unplaced, with ECS's reason, until the group grows", async () => {
    const arn = await register("static", { portMappings: [{ containerPort: 80, hostPort: 8080 }] });
    await t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: "static", taskDefinition: arn, desiredCount: 3 }));
    const blocked = await waitFor("the unable-to-place event", async () => {
      const s = await describeService("static");
      return messages(s).find((m) => m.startsWith("(service static) was unable to place a task because no container instance met all of its requirements."));
    });
    assert.match(blocked, /The closest matching \(container-instance [0-9a-f]{32}\) is already using a port required by your task\. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide\.$/);
    await waitFor("the two placeable tasks to run", async () => (await describeService("static")).runningCount === 2);
    await t.autoscaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: "svc-asg", DesiredCapacity: 3 }));
    await steady("static", 120_000);
  });

  test("DeleteService refuses a service still scaled above 0, and with force drains it to INACTIVE", async () => {
    await assert.rejects(t.ecs.send(new DeleteServiceCommand({ cluster: CLUSTER, service: "web" })), {
      name: "InvalidParameterException",
      message: "The service cannot be stopped while it is scaled above 0.",
    });
    const { service } = await t.ecs.send(new DeleteServiceCommand({ cluster: CLUSTER, service: "web", force: true }));
    assert.equal(service?.status, "DRAINING");
    await waitFor("the service to be INACTIVE", async () => (await describeService("web")).status === "INACTIVE");
    const { taskArns } = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: "web" }));
    assert.deepEqual(taskArns, []);
  });
});
