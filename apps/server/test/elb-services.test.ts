/**
 * ECS services behind an Application Load Balancer on the real Docker Engine: tasks register in the
 * target group once RUNNING, the DNS name answers from each task, a rolling update runs while a
 * client sends requests without one failing (ECS deregisters, drains, then stops), and a task whose
 * container keeps running but fails its health check path is replaced, in ECS's words.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, test } from "node:test";
import { CreateClusterCommand, CreateServiceCommand, DescribeServicesCommand, DescribeTasksCommand, ListTasksCommand, RegisterTaskDefinitionCommand, UpdateServiceCommand, type Service } from "@aws-sdk/client-ecs";
import { CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand } from "@aws-sdk/client-auto-scaling";
import { DescribeTargetHealthCommand, type ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { dockerContainers, startTestServer, waitFor, type TestServer } from "./support/test-server.ts";
import { awsCli } from "./support/aws-cli.ts";
import { elbClient, get } from "./support/elb.ts";

const CLUSTER = "alb";
let t: TestServer;
let elb: ElasticLoadBalancingV2Client;
const aws = awsCli(() => t);
let tgArn: string;
let dnsName: string;

const describeService = async (name: string): Promise<Service> => (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [name] }))).services![0]!;
const messages = (s: Service) => (s.events ?? []).map((e) => e.message!);

async function steady(name: string, taskDefinitionArn: string): Promise<Service> {
  return waitFor(`${name} steady on ${taskDefinitionArn}`, async () => {
    const s = await describeService(name);
    const done = s.deployments?.length === 1 && s.deployments[0]!.rolloutState === "COMPLETED" && s.deployments[0]!.taskDefinition === taskDefinitionArn && s.runningCount === s.desiredCount;
    return done ? s : undefined;
  }, 180_000);
}

async function register(family: string, env: string) {
  const { taskDefinition } = await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      containerDefinitions: [{ name: "web", image: "stevedore/sample-web:latest", memory: 32, cpu: 64, stopTimeout: 2, portMappings: [{ containerPort: 80 }], environment: [{ name: "REVISION", value: env }] }],
    }),
  );
  return taskDefinition!.taskDefinitionArn!;
}

const healthyTargets = async () => (await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn }))).TargetHealthDescriptions!.filter((d) => d.TargetHealth?.State === "healthy");

before(async () => {
  t = await startTestServer("127.104", { loadBalancerNetwork: "127.105" });
  elb = elbClient(t);
  await t.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  const userData = Buffer.from(`#!/bin/bash\necho ECS_CLUSTER=${CLUSTER} >> /etc/ecs/ecs.config\n`).toString("base64");
  await t.autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "alb-lc", ImageId: "ami-ecs", InstanceType: "t3.medium", UserData: userData }));
  await t.autoscaling.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: "alb-asg", LaunchConfigurationName: "alb-lc", MinSize: 2, MaxSize: 2, DesiredCapacity: 2, AvailabilityZones: ["us-east-1a", "us-east-1b"] }));
  const subnets = (await aws("ec2", "describe-subnets", "--filters", "Name=default-for-az,Values=true")).Subnets.map((s: { SubnetId: string }) => s.SubnetId);
  const lb = (await aws("elbv2", "create-load-balancer", "--name", "web-alb", "--subnets", ...subnets.slice(0, 2))).LoadBalancers[0];
  dnsName = lb.DNSName;
  tgArn = (await aws("elbv2", "create-target-group", "--name", "web-tg", "--protocol", "HTTP", "--port", "80", "--health-check-path", "/", "--health-check-interval-seconds", "5", "--health-check-timeout-seconds", "2", "--healthy-threshold-count", "2", "--unhealthy-threshold-count", "2")).TargetGroups[0].TargetGroupArn;
  await aws("elbv2", "modify-target-group-attributes", "--target-group-arn", tgArn, "--attributes", "Key=deregistration_delay.timeout_seconds,Value=5");
  await aws("elbv2", "create-listener", "--load-balancer-arn", lb.LoadBalancerArn, "--protocol", "HTTP", "--port", "80", "--default-actions", `Type=forward,TargetGroupArn=${tgArn}`);
});
after(async () => {
  await t?.close();
});

test("CreateService checks loadBalancers as ECS does", async () => {
  const arn = await register("alb-check", "0");
  const refused = (loadBalancers: unknown[]) =>
    t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: "bad", taskDefinition: arn, desiredCount: 1, loadBalancers: loadBalancers as never })).then(() => "accepted", (e: Error) => `${e.name}: ${e.message}`);
  assert.match(await refused([{ targetGroupArn: tgArn, containerName: "nope", containerPort: 80 }]), /InvalidParameterException: The container nope does not exist in the task definition/);
  assert.match(await refused([{ targetGroupArn: tgArn, containerName: "web", containerPort: 8080 }]), /did not have a container port 8080 defined/);
  assert.match(await refused([{ targetGroupArn: tgArn.replace(/\/[0-9a-f]{16}$/, "/0000000000000000"), containerName: "web", containerPort: 80 }]), /InvalidParameterException/);
});

test("a service behind the load balancer: registered targets, each task answering, a rollout with no failed request, an unhealthy task replaced", async () => {
  const v1 = await register("alb-web", "1");
  await t.ecs.send(new CreateServiceCommand({
    cluster: CLUSTER,
    serviceName: "web",
    taskDefinition: v1,
    desiredCount: 3,
    healthCheckGracePeriodSeconds: 0,
    deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200 },
    loadBalancers: [{ targetGroupArn: tgArn, containerName: "web", containerPort: 80 }],
  }));
  const first = await steady("web", v1);
  assert.equal(messages(first).filter((m) => m === `(service web) registered 1 targets in (target-group ${tgArn})`).length, 3, messages(first).join("\n"));
  assert.equal((await healthyTargets()).length, 3);

  // The DNS name answers from each task in turn.
  const taskIds = new Set<string>();
  for (let i = 0; i < 9; i++) {
    const r = await get(`http://${dnsName}/`);
    assert.equal(r.status, 200);
    taskIds.add(/id="task-id">([0-9a-f]{32})</.exec(r.body)?.[1] ?? "none");
  }
  assert.equal(taskIds.size, 3, [...taskIds].join(" "));

  // A rolling update while a client sends requests: not one fails.
  let sent = 0;
  const failures: string[] = [];
  let running = true;
  const client = (async () => {
    while (running) {
      sent++;
      const r = await get(`http://${dnsName}/`).catch((e: Error) => ({ status: 0, body: e.message }));
      if (r.status !== 200) failures.push(`${r.status} ${r.body.slice(0, 80)}`);
    }
  })();
  const v2 = await register("alb-web", "2");
  await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: "web", taskDefinition: v2 }));
  const second = await steady("web", v2);
  running = false;
  await client;
  assert.deepEqual(failures, [], `${failures.length} of ${sent} requests failed`);
  assert.ok(sent > 20, `only ${sent} requests were sent during the rollout`);
  assert.ok(messages(second).some((m) => m === `(service web) deregistered 1 targets in (target-group ${tgArn})`), messages(second).join("\n"));
  assert.ok(messages(second).some((m) => /^\(service web\) has begun draining connections on \d tasks\.$/.test(m)));
  assert.match((await get(`http://${dnsName}/`)).body, /REVISION=2/);
  await waitFor("three healthy targets", async () => (await healthyTargets()).length === 3);

  // A task whose container keeps running but starts failing the health check path is replaced.
  const { taskArns } = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: "web" }));
  const victim = taskArns![0]!;
  const [container] = dockerContainers([`label=com.amazonaws.ecs.task-arn=${victim}`]);
  execFileSync("docker", ["exec", container!, "rm", "/www/index.html"]);
  const stopped = await waitFor("the unhealthy task replaced", async () => {
    const task = (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [victim] }))).tasks![0]!;
    return task.desiredStatus === "STOPPED" ? task : undefined;
  }, 120_000);
  assert.equal(stopped.stoppedReason, `Task failed ELB health checks in (target-group ${tgArn})`);
  const s = await describeService("web");
  const victimId = victim.slice(victim.lastIndexOf("/") + 1);
  assert.ok(messages(s).some((m) => new RegExp(`^\\(service web\\) \\(task ${victimId}\\) \\(instance i-[0-9a-f]+\\) \\(port \\d+\\) is unhealthy in \\(target-group ${tgArn.replace(/[/.]/g, "\\$&")}\\) due to \\(reason Health checks failed with these codes: \\[404\\]\\)\\.$`).test(m)), messages(s).join("\n"));
  await steady("web", v2);
  await waitFor("three healthy targets again", async () => (await healthyTargets()).length === 3, 120_000);
});
