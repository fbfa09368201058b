/**
 * RegisterTaskDefinition's rejections: each invalid definition gets ECS's exception type and a
 * message that names the field at fault. What only the operator's safety policy refuses registers,
 * as on ECS: it is refused when a task is launched (safety.test.ts).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { validateTaskDefinition } from "../src/ecs/task-definition-rules/index.ts";
import { withEcsDefaults } from "../src/ecs/task-definition-rules/defaults.ts";

const web = { name: "web", image: "stevedore/sample-web:latest", memory: 128 };
const def = (over: Record<string, unknown> = {}, containers: Record<string, unknown>[] = [web]) => ({ family: "app", containerDefinitions: containers, ...over });

const fargate = (containers: Record<string, unknown>[]) => def({ requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc", cpu: "256", memory: "512" }, containers);

const cases: [string, unknown, RegExp][] = [
  ["no family", { containerDefinitions: [web] }, /family/],
  ["family with a space", def({ family: "my app" }), /Family/],
  ["family too long", def({ family: "a".repeat(256) }), /Family/],
  ["no containers", def({}, []), /Container list cannot be empty/],
  ["eleven containers", def({}, Array.from({ length: 11 }, (_, i) => ({ ...web, name: `c${i}` }))), /at most 10 containers/],
  ["container name with a dot", def({}, [{ ...web, name: "web.1" }]), /Container name 'web.1'/],
  ["duplicate container names", def({}, [web, web]), /Duplicate container name 'web'/],
  ["empty image", def({}, [{ ...web, image: " " }]), /image/],
  ["image not a string", def({}, [{ ...web, image: 42 }]), /at 'containerDefinitions\.1\.member\.image' failed to satisfy constraint: Member must be a string/],
  ["image longer than 255 characters", def({}, [{ ...web, image: `a/${"b".repeat(260)}` }]), /image of container 'web' is longer than 255/],
  ["hard limit below soft limit", def({}, [{ ...web, memory: 64, memoryReservation: 128 }]), /'memory' setting for container 'web'/],
  ["memory under 6 MiB", def({}, [{ ...web, memory: 4 }]), /'memory' setting for container 'web'.*minimum is 6/],
  ["no memory anywhere", def({}, [{ name: "web", image: "x" }]), /'memory' or 'memoryReservation'/],
  ["no essential container", def({}, [{ ...web, essential: false }]), /essential container is required/],
  ["task cpu nonsense", def({ cpu: "lots" }), /'cpu' setting for task/],
  ["task memory nonsense", def({ memory: "huge" }), /'memory' setting for task/],
  ["containers' cpu above the task's", def({ cpu: "256" }, [{ ...web, cpu: 512 }]), /'cpu' setting for task/],
  ["a container's memory above the task's", def({ memory: "512" }, [{ ...web, memory: 1024 }]), /'memory' setting for container 'web'/],
  ["protocol not tcp or udp", def({}, [{ ...web, portMappings: [{ containerPort: 80, protocol: "sctp" }] }]), /portMappings\.1\.member\.protocol/],
  ["port out of range", def({}, [{ ...web, portMappings: [{ containerPort: 70000 }] }]), /'containerPort' setting for container 'web': ports are between 1 and 65535/],
  ["port 0", def({}, [{ ...web, portMappings: [{ containerPort: 0 }] }]), /'containerPort' setting for container 'web'/],
  ["port mapping name with capitals", def({}, [{ ...web, portMappings: [{ containerPort: 80, name: "Web" }] }]), /port mapping name 'Web'/],
  ["appProtocol without a name", def({}, [{ ...web, portMappings: [{ containerPort: 80, appProtocol: "http" }] }]), /appProtocol needs a name/],
  ["hostname in awsvpc mode", def({ networkMode: "awsvpc" }, [{ ...web, hostname: "web" }]), /hostname is not supported when networkMode=awsvpc/],
  ["extraHosts in awsvpc mode", def({ networkMode: "awsvpc" }, [{ ...web, extraHosts: [{ hostname: "db", ipAddress: "10.0.0.1" }] }]), /extraHosts is not supported when networkMode=awsvpc/],
  ["awsvpc host port differs", def({ networkMode: "awsvpc" }, [{ ...web, portMappings: [{ containerPort: 80, hostPort: 8080 }] }]), /networkMode=awsvpc, the host ports and container ports/],
  ["two containers on one host port", def({}, [{ ...web, portMappings: [{ containerPort: 80, hostPort: 8080 }] }, { ...web, name: "b", portMappings: [{ containerPort: 81, hostPort: 8080 }] }]), /host port 8080\/tcp/],
  ["port mapping without container port", def({}, [{ ...web, portMappings: [{ hostPort: 8080 }] }]), /containerPort/],
  ["links in awsvpc mode", def({ networkMode: "awsvpc" }, [{ ...web, links: ["db"] }, { ...web, name: "db" }]), /Links are not supported when networkMode=awsvpc/],
  ["link to an unknown container", def({}, [{ ...web, links: ["db:database"] }]), /links to 'db'/],
  ["unknown network mode", def({ networkMode: "overlay" }), /networkMode/],
  ["mount of an unknown volume", def({}, [{ ...web, mountPoints: [{ sourceVolume: "data", containerPath: "/data" }] }]), /sourceVolume 'data'/],
  ["duplicate volume names", def({ volumes: [{ name: "data" }, { name: "data" }] }), /Duplicate volume name 'data'/],
  ["volumesFrom an unknown container", def({}, [{ ...web, volumesFrom: [{ sourceContainer: "ghost" }] }]), /volumesFrom sourceContainer 'ghost'/],
  ["dependsOn an unknown container", def({}, [{ ...web, dependsOn: [{ containerName: "db", condition: "START" }] }]), /dependsOn containerName 'db'/],
  ["dependsOn cycle", def({}, [{ ...web, dependsOn: [{ containerName: "b", condition: "START" }] }, { ...web, name: "b", dependsOn: [{ containerName: "web", condition: "START" }] }]), /dependsOn forms a cycle: web -> b -> web/],
  ["COMPLETE on an essential container", def({}, [{ ...web, dependsOn: [{ containerName: "init", condition: "COMPLETE" }] }, { ...web, name: "init" }]), /COMPLETE dependency condition can't be set on an essential container \('init'\)/],
  ["HEALTHY without a health check", def({}, [{ ...web, dependsOn: [{ containerName: "db", condition: "HEALTHY" }] }, { ...web, name: "db", essential: false }]), /HEALTHY dependency condition needs a healthCheck on container 'db'/],
  ["unknown dependency condition", def({}, [{ ...web, dependsOn: [{ containerName: "db", condition: "READY" }] }]), /dependsOn\.1\.member\.condition/],
  ["health check interval too short", def({}, [{ ...web, healthCheck: { command: ["CMD-SHELL", "true"], interval: 1 } }]), /'healthCheck' setting for container 'web': interval/],
  ["health check without CMD", def({}, [{ ...web, healthCheck: { command: ["curl", "localhost"] } }]), /'healthCheck'.*CMD/],
  ["unknown ulimit", def({}, [{ ...web, ulimits: [{ name: "files", softLimit: 1, hardLimit: 2 }] }]), /ulimits\.1\.member\.name.*enum value set/],
  ["unknown log driver", def({}, [{ ...web, logConfiguration: { logDriver: "loki" } }]), /logConfiguration\.logDriver.*enum value set/],
  ["awslogs without a group", def({}, [{ ...web, logConfiguration: { logDriver: "awslogs", options: { "awslogs-region": "us-east-1" } } }]), /^Log driver awslogs option 'awslogs-group' should not be null or empty\.$/],
  ["distinctInstance in a task definition", def({ placementConstraints: [{ type: "distinctInstance" }] }), /placementConstraints\.1\.member\.type.*\[memberOf\]/],
  ["malformed memberOf expression", def({ placementConstraints: [{ type: "memberOf", expression: "attribute:ecs.instance-type ==" }] }), /'placementConstraints' expression: Invalid expression at position \d+/],
  ["relative host path", def({ volumes: [{ name: "data", host: { sourcePath: "data" } }] }, [{ ...web, mountPoints: [{ sourceVolume: "data", containerPath: "/d" }] }]), /sourcePath 'data' must be an absolute path/],
  ["restart attempt period too short", def({}, [{ ...web, restartPolicy: { enabled: true, restartAttemptPeriod: 10 } }]), /'restartPolicy' setting for container 'web'/],
  ["reserved tag key", def({ tags: [{ key: "aws:owner", value: "me" }] }), /tag key 'aws:owner'/],
  ["Fargate without awsvpc", def({ requiresCompatibilities: ["FARGATE"], cpu: "256", memory: "512" }), /Fargate only supports network mode/],
  ["Fargate without task size", def({ requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc" }), /Fargate requires that 'cpu' and 'memory'/],
  ["Fargate size that doesn't exist", def({ requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc", cpu: "512", memory: "8192" }), /No Fargate configuration exists for given values: 512 CPU, 8192 memory/],
  ["Fargate with awslogs and no execution role", fargate([{ ...web, logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "g", "awslogs-region": "us-east-1" } } }]), /^Fargate requires task definition to have execution role ARN to support log driver awslogs\.$/],
  ["Fargate adding a capability other than SYS_PTRACE", fargate([{ ...web, linuxParameters: { capabilities: { add: ["NET_ADMIN"] } } }]), /Fargate only supports adding the SYS_PTRACE capability/],
  ["Fargate with devices", fargate([{ ...web, linuxParameters: { devices: [{ hostPath: "/dev/fuse" }] } }]), /devices are not supported on Fargate/],
];

for (const [name, input, message] of cases) {
  test(`rejects: ${name}`, () => {
    assert.throws(() => validateTaskDefinition(input as never), (err: Error) => {
      assert.equal(err.name, "ClientException");
      assert.match(err.message, message);
      return true;
    });
  });
}

test("accepts what ECS accepts: sizes as text (registered as units and MiB), dynamic ports, links in bridge mode, host paths, task-level memory only", () => {
  const ok = withEcsDefaults(
    validateTaskDefinition(
      def({ cpu: "1 vCPU", memory: "2 GB", volumes: [{ name: "data", host: { sourcePath: "/ecs/data" } }] }, [
        { name: "web", image: "nginx", links: ["db"], portMappings: [{ containerPort: 80 }], mountPoints: [{ sourceVolume: "data", containerPath: "/data" }] },
        { name: "db", image: "redis", essential: false, healthCheck: { command: ["CMD-SHELL", "true"] } },
      ]) as never,
    ),
  );
  assert.equal(ok.containerDefinitions.length, 2);
  assert.equal(ok.cpu, "1024");
  assert.equal(ok.memory, "2048");
});

test("accepts what only the operator's safety policy refuses, and fields added in 2024-2025", () => {
  const bold = def({ networkMode: "host", pidMode: "host", enableFaultInjection: true }, [
    { ...web, privileged: true, linuxParameters: { capabilities: { add: ["SYS_ADMIN"] }, devices: [{ hostPath: "/dev/fuse" }] }, versionConsistency: "disabled", restartPolicy: { enabled: true } },
  ]);
  const ok = validateTaskDefinition(bold as never);
  assert.equal(ok.enableFaultInjection, true);
  assert.equal(ok.containerDefinitions[0]!.privileged, true);
});
