/**
 * ECS's rules for RegisterTaskDefinition, once for the server and the console: each broken rule is an
 * issue at the field at fault, in ECS's words. (The server's exception for each: apps/server/test.)
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decodeRegisterTaskDefinition, taskDefinitionIssues, type IssuePath, type RegisterTaskDefinitionInput } from "../src/index.ts";

const web = { name: "web", image: "nginx", memory: 128 };
function def(over: Record<string, unknown> = {}, containers: Record<string, unknown>[] = [web]): RegisterTaskDefinitionInput {
  const decoded = decodeRegisterTaskDefinition({ family: "app", containerDefinitions: containers, ...over });
  assert.ok(decoded.ok, JSON.stringify(!decoded.ok && decoded.issues));
  return decoded.value;
}
/** The issues as [path, message] pairs. */
const issues = (input: RegisterTaskDefinitionInput) => taskDefinitionIssues(input).map((i): [IssuePath, string] => [i.path, i.message]);
const c0 = (...path: IssuePath) => ["containerDefinitions", 0, ...path];

test("a valid definition has no issues", () => {
  const ok = def({ cpu: "1 vCPU", memory: "2 GB", volumes: [{ name: "data", host: { sourcePath: "/ecs/data" } }] }, [
    { name: "web", image: "nginx", links: ["db"], portMappings: [{ containerPort: 80 }], mountPoints: [{ sourceVolume: "data", containerPath: "/data" }] },
    { name: "db", image: "redis", essential: false, healthCheck: { command: ["CMD-SHELL", "true"] } },
  ]);
  assert.deepEqual(issues(ok), []);
});

test("every issue is listed, each at its field, in the order the server reports them", () => {
  const broken = def({ family: "my app", cpu: "256", volumes: [{ name: "data" }, { name: "data" }] }, [
    { ...web, name: "web.1", cpu: 512, memory: 4, portMappings: [{ containerPort: 80, hostPort: 8080 }] },
    { ...web, name: "b", portMappings: [{ containerPort: 81, hostPort: 8080 }], dependsOn: [{ containerName: "ghost", condition: "START" }] },
  ]);
  assert.deepEqual(
    issues(broken).map(([path]) => path),
    [["family"], c0("name"), c0("memory"), ["cpu"], ["containerDefinitions", 1, "portMappings", 0, "hostPort"], ["volumes", 1, "name"], ["containerDefinitions", 1, "dependsOn", 0, "containerName"]],
  );
});

test("ECS prefixes the rules on the definition's structure in its error, not in the message", () => {
  const [duplicate] = taskDefinitionIssues(def({}, [web, web]));
  assert.equal(duplicate?.message, "Duplicate container name 'web' in containerDefinitions.");
  assert.equal(duplicate?.error, "Invalid request provided: Create TaskDefinition: Duplicate container name 'web' in containerDefinitions.");
  const [image] = taskDefinitionIssues(def({}, [{ ...web, image: " " }]));
  assert.equal(image?.error, image?.message);
});

describe("where each rule points", () => {
  const cases: [string, ReturnType<typeof def>, IssuePath[]][] = [
    ["no containers", def({}, []), [["containerDefinitions"]]],
    ["no essential container", def({}, [{ ...web, essential: false }]), [["containerDefinitions"]]],
    ["duplicate name: the second container", def({}, [web, { ...web, image: "redis" }]), [["containerDefinitions", 1, "name"]]],
    ["a soft limit under 6 MiB", def({}, [{ name: "web", image: "x", memoryReservation: 4 }]), [c0("memoryReservation")]],
    ["no memory anywhere", def({}, [{ name: "web", image: "x" }]), [c0("memory")]],
    ["a container's soft limit above the task's memory", def({ memory: "512" }, [{ name: "web", image: "x", memoryReservation: 1024 }]), [c0("memoryReservation"), ["memory"]]],
    ["ulimit soft above hard", def({}, [{ ...web, ulimits: [{ name: "nofile", softLimit: 2, hardLimit: 1 }] }]), [c0("ulimits", 0, "softLimit")]],
    ["health check", def({}, [{ ...web, healthCheck: { command: ["curl"], interval: 1, retries: 11 } }]), [c0("healthCheck", "interval"), c0("healthCheck", "retries"), c0("healthCheck", "command")]],
    ["restart policy", def({}, [{ ...web, restartPolicy: { enabled: true, restartAttemptPeriod: 10 } }]), [c0("restartPolicy", "restartAttemptPeriod")]],
    ["awslogs without its group and region", def({}, [{ ...web, logConfiguration: { logDriver: "awslogs", options: { "awslogs-stream-prefix": "x" } } }]), [c0("logConfiguration", "options", "awslogs-group"), c0("logConfiguration", "options", "awslogs-region")]],
    ["reserved tag key", def({ tags: [{ key: "team", value: "a" }, { key: "AWS:owner" }] }), [["tags", 1, "key"]]],
    ["port mappings in none mode: once", def({ networkMode: "none" }, [{ ...web, portMappings: [{ containerPort: 80 }, { containerPort: 81 }] }]), [c0("portMappings")]],
    ["port mapping without a container port", def({}, [{ ...web, portMappings: [{ protocol: "udp" }] }]), [c0("portMappings", 0, "containerPort")]],
    ["host port ≠ container port in awsvpc", def({ networkMode: "awsvpc" }, [{ ...web, portMappings: [{ containerPort: 80, hostPort: 8080 }] }]), [c0("portMappings", 0, "hostPort")]],
    ["links in awsvpc mode: once", def({ networkMode: "awsvpc" }, [{ ...web, links: ["a", "b"] }]), [c0("links")]],
    ["a link to itself", def({}, [{ ...web, links: ["db", "web:self"] }, { ...web, name: "db" }]), [c0("links", 1)]],
    ["volume with host and docker config", def({ volumes: [{ name: "v", host: {}, dockerVolumeConfiguration: {} }] }), [["volumes", 0]]],
    ["relative host path", def({ volumes: [{ name: "v", host: { sourcePath: "data" } }] }), [["volumes", 0, "host", "sourcePath"]]],
    ["mount point", def({}, [{ ...web, mountPoints: [{ sourceVolume: "nope" }] }]), [c0("mountPoints", 0, "sourceVolume"), c0("mountPoints", 0, "containerPath")]],
    ["volumesFrom itself", def({}, [{ ...web, volumesFrom: [{ sourceContainer: "web" }] }]), [c0("volumesFrom", 0, "sourceContainer")]],
    ["dependsOn itself: not a cycle too", def({}, [{ ...web, dependsOn: [{ containerName: "web", condition: "START" }] }]), [c0("dependsOn", 0, "containerName")]],
    ["SUCCESS on an essential container", def({}, [{ ...web, dependsOn: [{ containerName: "init", condition: "SUCCESS" }] }, { ...web, name: "init" }]), [c0("dependsOn", 0, "condition")]],
  ];
  for (const [name, input, paths] of cases) {
    test(name, () => assert.deepEqual(issues(input).map(([path]) => path), paths));
  }
});

describe("dependsOn cycles", () => {
  test("named with the path that led to the cycle, at the container it starts from", () => {
    const on = (name: string, target: string) => ({ ...web, name, essential: name === "a", dependsOn: [{ containerName: target, condition: "START" }] });
    assert.deepEqual(issues(def({}, [on("a", "b"), on("b", "c"), on("c", "b")])), [[c0("dependsOn"), "dependsOn forms a cycle: a -> b -> c -> b."]]);
  });
});

describe("task size", () => {
  test("sizes that do not parse or lie outside ECS's range", () => {
    assert.deepEqual(issues(def({ cpu: "lots", memory: "huge" })), [
      [["cpu"], "Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide."],
      [["memory"], "Invalid 'memory' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide."],
    ]);
    assert.deepEqual(issues(def({ cpu: "100" })).map(([path]) => path), [["cpu"]]);
  });
  test("the containers' reservations add up against the task's memory", () => {
    // 300 + 300 MiB reserved in a 512 MiB task, though each fits alone.
    const two = def({ memory: "512" }, [{ ...web, memory: 300 }, { ...web, name: "b", memory: 300 }]);
    assert.deepEqual(issues(two), [[["memory"], "Invalid 'memory' setting for task: the containers reserve 600 MiB in all, more than the task's memory (512 MiB)."]]);
  });
});

describe("AWS Fargate", () => {
  const fargate = (over: Record<string, unknown> = {}, containers?: Record<string, unknown>[]) =>
    def({ requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc", cpu: "256", memory: "512", ...over }, containers);
  test("a Fargate size in awsvpc mode has no issues", () => {
    assert.deepEqual(issues(fargate({ cpu: "1 vCPU", memory: "3 GB", ephemeralStorage: { sizeInGiB: 21 } })), []);
  });
  test("cpu and memory: each missing one at its field, in one ECS sentence", () => {
    const message = "Fargate requires that 'cpu' and 'memory' be defined at the task level.";
    assert.deepEqual(issues(fargate({ cpu: undefined, memory: undefined })), [[["cpu"], message], [["memory"], message]]);
  });
  test("a size Fargate does not offer, at the memory", () => {
    assert.deepEqual(issues(fargate({ memory: "4096" })), [
      [["memory"], "No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values."],
    ]);
  });
  test("what Fargate does not run", () => {
    const input = fargate(
      { networkMode: "bridge", ephemeralStorage: { sizeInGiB: 500 }, ipcMode: "task", volumes: [{ name: "v", host: { sourcePath: "/v" } }] },
      [{ ...web, privileged: true }],
    );
    assert.deepEqual(
      issues(input).map(([path]) => path),
      [["networkMode"], ["ephemeralStorage", "sizeInGiB"], c0("privileged"), ["volumes", 0, "host", "sourcePath"], ["ipcMode"]],
    );
  });
});
