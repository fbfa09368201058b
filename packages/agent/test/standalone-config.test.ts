/** The standalone agent's settings (ecs.config, environment, command line) and what it registers of its host. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { INSTANCE_TYPES } from "@stevedore/shared";
import { parseEcsConfig, parseGoDuration, parseInstanceAttributes, resolveSettings, withContainerStopTimeout } from "../src/ecs-config.ts";
import { closestInstanceType, hostResources, stableInstanceId } from "../src/host-resources.ts";
import { registrationRequest } from "../src/register.ts";
import { task } from "./fixtures.ts";

describe("ecs.config", () => {
  test("KEY=VALUE lines, comments, export and quotes", () => {
    const text = '# ECS settings\nECS_CLUSTER=prod\n\nexport ECS_RESERVED_MEMORY=512\nECS_INSTANCE_ATTRIBUTES={"stack":"prod"}\nECS_BACKEND_HOST="http://127.0.0.1:4400"\n';
    assert.deepEqual(parseEcsConfig(text), {
      ECS_CLUSTER: "prod",
      ECS_RESERVED_MEMORY: "512",
      ECS_INSTANCE_ATTRIBUTES: '{"stack":"prod"}',
      ECS_BACKEND_HOST: "http://127.0.0.1:4400",
    });
    assert.throws(() => parseEcsConfig("ECS_CLUSTER prod"), /line 1 is not KEY=VALUE/);
  });

  test("Go durations", () => {
    assert.equal(parseGoDuration("30s"), 30_000);
    assert.equal(parseGoDuration("1m30s"), 90_000);
    assert.equal(parseGoDuration("1.5m"), 90_000);
    assert.equal(parseGoDuration("500ms"), 500);
    assert.equal(parseGoDuration("2h"), 7_200_000);
    assert.throws(() => parseGoDuration("30"), /not a duration/);
    assert.throws(() => parseGoDuration("ten seconds"), /not a duration/);
  });

  test("ECS_INSTANCE_ATTRIBUTES", () => {
    assert.deepEqual(parseInstanceAttributes('{"stack":"prod","team":"a b"}'), [
      { name: "stack", value: "prod" },
      { name: "team", value: "a b" },
    ]);
    assert.throws(() => parseInstanceAttributes("stack=prod"), /not JSON/);
    assert.throws(() => parseInstanceAttributes('["stack"]'), /JSON object/);
    assert.throws(() => parseInstanceAttributes('{"stack":1}'), /must be a string/);
    assert.throws(() => parseInstanceAttributes('{"ecs.instance-type":"x"}'), /prefix ECS keeps/);
    assert.throws(() => parseInstanceAttributes('{"bad name":"x"}'), /attribute name/);
  });
});

describe("settings", () => {
  test("the command line wins over the environment, the environment over the file", () => {
    const file = { ECS_CLUSTER: "from-file", ECS_CONTAINER_STOP_TIMEOUT: "10s", ECS_INSTANCE_ATTRIBUTES: '{"stack":"prod"}', ECS_ENABLE_TASK_IAM_ROLE: "true" };
    const s = resolveSettings({ endpoint: "http://127.0.0.1:4400/", attribute: ["tier=web"] }, { ECS_CLUSTER: "from-env", DOCKER_HOST: "unix:///run/other.sock" }, file);
    assert.equal(s.endpoint, "http://127.0.0.1:4400");
    assert.equal(s.cluster, "from-env");
    assert.equal(s.dockerSocketPath, "/run/other.sock");
    assert.equal(s.containerStopTimeoutSec, 10);
    assert.equal(s.privateIp, "127.0.0.1");
    assert.equal(s.reservedMemoryMiB, 256);
    assert.deepEqual(s.attributes, [
      { name: "stack", value: "prod" },
      { name: "tier", value: "web" },
    ]);
    assert.deepEqual(s.ignored, ["ECS_ENABLE_TASK_IAM_ROLE"]);
    assert.equal(resolveSettings({ endpoint: "http://x", cluster: "flag" }, { ECS_CLUSTER: "env" }).cluster, "flag");
    assert.equal(resolveSettings({ endpoint: "http://x" }, {}).cluster, "default");
    assert.equal(resolveSettings({}, { ECS_BACKEND_HOST: "http://127.0.0.1:1" }).endpoint, "http://127.0.0.1:1");
  });

  test("refusals", () => {
    assert.throws(() => resolveSettings({}, {}), /--endpoint/);
    assert.throws(() => resolveSettings({ endpoint: "127.0.0.1:4400" }, {}), /http/);
    assert.throws(() => resolveSettings({ endpoint: "http://x", "private-ip": "10.0.0.1" }, {}), /loopback/);
    assert.throws(() => resolveSettings({ endpoint: "http://x", "instance-id": "host-1" }, {}), /instance-id/);
    assert.throws(() => resolveSettings({ endpoint: "http://x" }, { ECS_CONTAINER_STOP_TIMEOUT: "500ms" }), /at least 1s/);
    assert.throws(() => resolveSettings({ endpoint: "http://x", "reserved-memory": "lots" }, {}), /whole number/);
    assert.throws(() => resolveSettings({ endpoint: "http://x" }, { DOCKER_HOST: "tcp://127.0.0.1:2375" }), /unix/);
    assert.throws(() => resolveSettings({ endpoint: "http://x", attribute: ["novalue"] }, {}), /name=value/);
  });

  test("ECS_CONTAINER_STOP_TIMEOUT becomes the stop timeout of containers that set none", () => {
    const t = task(); // app without a stopTimeout, sidecar with 5 s
    assert.deepEqual(withContainerStopTimeout(t, 7).taskDefinition.containerDefinitions.map((c) => c.stopTimeout), [7, 5]);
    assert.equal(t.taskDefinition.containerDefinitions[0]!.stopTimeout, undefined, "the server's view is left as it is");
    assert.equal(withContainerStopTimeout(t, undefined), t);
  });
});

describe("the host", () => {
  test("an instance id per host and Docker socket, stable", () => {
    const a = stableInstanceId("3d1219c7c4c5404aaa1f6d2a48adfda4", "/var/run/docker.sock");
    assert.match(a, /^i-[0-9a-f]{17}$/);
    assert.equal(stableInstanceId("3d1219c7c4c5404aaa1f6d2a48adfda4", "/var/run/docker.sock"), a);
    assert.notEqual(stableInstanceId("3d1219c7c4c5404aaa1f6d2a48adfda4", "/tmp/other/docker.sock"), a);
    assert.notEqual(stableInstanceId("another-machine", "/var/run/docker.sock"), a);
  });

  test("all its CPUs and its memory less the reserve", () => {
    assert.deepEqual(hostResources(256, 4, 16 * 1024 ** 3), { cpu: 4096, memoryMiB: 16 * 1024 - 256 });
    assert.throws(() => hostResources(4096, 1, 1024 ** 3), /leaves nothing/);
  });

  test("the closest catalogue instance type: vCPUs first, then memory", () => {
    assert.equal(closestInstanceType(2, 4096), "t3.medium");
    assert.equal(closestInstanceType(4, 16 * 1024), "m5.xlarge");
    assert.equal(closestInstanceType(1, 900), "t2.micro");
    assert.ok(INSTANCE_TYPES.some((t) => t.name === closestInstanceType(64, 512 * 1024)));
  });

  test("custom attributes are registered after the capabilities", () => {
    const request = registrationRequest({
      cluster: "c",
      identity: { instanceId: "i-0123456789abcdef0", instanceType: "t3.medium", availabilityZone: "us-east-1a", privateIp: "127.0.0.1", imageId: "ami-1", region: "us-east-1", accountId: "123456789012" },
      resources: { cpu: 2048, memoryMiB: 4000 },
      dockerVersion: "20.10.24",
      dockerApiVersion: "1.41",
      attributes: [{ name: "stack", value: "prod" }],
    });
    assert.deepEqual(request.attributes.at(-1), { name: "stack", value: "prod" });
    assert.ok(request.attributes.some((a) => a.name === "ecs.capability.container-health-check"));
  });
});
