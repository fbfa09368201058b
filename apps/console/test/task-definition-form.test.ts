import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { taskDefinitionIssues, type RegisterTaskDefinitionInput } from "@stevedore/shared";
import { checkTaskDefinition } from "../src/lib/task-definition-checks.ts";
import { toRecord } from "../src/lib/task-definition-form/convert.ts";
import { defaultLogOptions, newContainer, newTaskDefinitionValues } from "../src/lib/task-definition-form/defaults.ts";
import { patchAt } from "../src/lib/lists.ts";
import { addContainer, removeContainer, setFamily, setLaunchType } from "../src/lib/task-definition-form/edit.ts";
import { environmentPath, storageRowPath } from "../src/lib/task-definition-form/paths.ts";
import { toFormValues } from "../src/lib/task-definition-form/to-form.ts";
import { toTaskDefinition } from "../src/lib/task-definition-form/to-definition.ts";
import type { TaskDefinitionFormValues } from "../src/lib/task-definition-form/values.ts";

/** Every field the form shows, and many it does not, on two containers. */
const RICH: RegisterTaskDefinitionInput = {
  family: "shop",
  taskRoleArn: "arn:aws:iam::123456789012:role/shop-task",
  executionRoleArn: "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
  networkMode: "bridge",
  requiresCompatibilities: ["EC2", "EXTERNAL"],
  runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "ARM64" },
  cpu: "1 vCPU",
  memory: "2048",
  pidMode: "task",
  ipcMode: "none",
  enableFaultInjection: false,
  proxyConfiguration: { type: "APPMESH", containerName: "web" },
  ephemeralStorage: { sizeInGiB: 30 },
  placementConstraints: [{ type: "memberOf", expression: "attribute:ecs.instance-type =~ t3.*" }],
  volumes: [
    { name: "data", host: { sourcePath: "/var/lib/stevedore/data" } },
    { name: "scratch" },
    {
      name: "cache",
      dockerVolumeConfiguration: { scope: "shared", autoprovision: true, driver: "local", driverOpts: { type: "tmpfs" }, labels: { a: "b" } },
    },
    { name: "efs", efsVolumeConfiguration: { fileSystemId: "fs-123", rootDirectory: "/" } },
  ],
  containerDefinitions: [
    {
      name: "web",
      image: "nginx:1.27",
      essential: true,
      cpu: 256,
      memory: 512,
      memoryReservation: 128,
      portMappings: [
        { containerPort: 80, hostPort: 8080, protocol: "tcp", name: "web-80-tcp", appProtocol: "http" },
        { containerPort: 53, protocol: "udp" },
        { containerPortRange: "9000-9010", protocol: "tcp" },
      ],
      readonlyRootFilesystem: true,
      resourceRequirements: [
        { type: "InferenceAccelerator", value: "device_1" },
        { type: "GPU", value: "1" },
      ],
      environment: [
        { name: "MODE", value: "production" },
        { name: "EMPTY", value: "" },
      ],
      secrets: [{ name: "DB_PASSWORD", valueFrom: "arn:aws:ssm:us-east-1:123456789012:parameter/db" }],
      environmentFiles: [{ value: "arn:aws:s3:::bucket/web.env", type: "s3" }],
      logConfiguration: {
        logDriver: "awslogs",
        options: { "awslogs-group": "/ecs/shop", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs" },
        secretOptions: [{ name: "token", valueFrom: "arn:aws:ssm:us-east-1:123456789012:parameter/token" }],
      },
      healthCheck: { command: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], interval: 30, timeout: 5, retries: 3, startPeriod: 10 },
      dependsOn: [{ containerName: "sidecar", condition: "HEALTHY" }],
      startTimeout: 60,
      stopTimeout: 30,
      hostname: "web",
      dnsServers: ["10.0.0.2", "10.0.0.3"],
      dnsSearchDomains: ["example.internal"],
      extraHosts: [{ hostname: "db", ipAddress: "10.0.0.9" }],
      disableNetworking: false,
      command: ["sh", "-c", "echo a, b; exec nginx -g 'daemon off;'"],
      entryPoint: ["/docker-entrypoint.sh"],
      workingDirectory: "/usr/share/nginx",
      ulimits: [{ name: "nofile", softLimit: 1024, hardLimit: 4096 }],
      dockerLabels: { team: "shop", "com.example.tier": "front" },
      mountPoints: [
        { sourceVolume: "data", containerPath: "/data", readOnly: true },
        { sourceVolume: "cache", containerPath: "/cache" },
      ],
      volumesFrom: [{ sourceContainer: "sidecar", readOnly: false }],
      links: ["sidecar:side"],
      user: "nginx",
      interactive: false,
      pseudoTerminal: false,
      dockerSecurityOptions: ["no-new-privileges"],
      systemControls: [{ namespace: "net.core.somaxconn", value: "1024" }],
      linuxParameters: { initProcessEnabled: true },
      repositoryCredentials: { credentialsParameter: "arn:aws:secretsmanager:us-east-1:123456789012:secret:reg" },
      restartPolicy: { enabled: true, ignoredExitCodes: [0], restartAttemptPeriod: 300 },
      versionConsistency: "disabled",
      credentialSpecs: ["credentialspecdomainless:arn:aws:s3:::bucket/spec.json"],
    },
    {
      name: "sidecar",
      image: "busybox:1.36",
      essential: false,
      memoryReservation: 64,
      firelensConfiguration: { type: "fluentbit", options: { "enable-ecs-log-metadata": "true" } },
      command: [],
      environment: [],
      mountPoints: [{ sourceVolume: "scratch", containerPath: "/scratch", readOnly: false }],
    },
  ],
  tags: [
    { key: "team", value: "shop" },
    { key: "env", value: "" },
  ],
};

/** What a definition without most fields looks like: nothing may be added on the way back. */
const MINIMAL: RegisterTaskDefinitionInput = { family: "web", containerDefinitions: [{ name: "web", image: "nginx", memory: 128 }] };

const roundTrip = (def: RegisterTaskDefinitionInput) => toTaskDefinition(toFormValues(def), def);

/** Form values without the objects rows keep from their source, to compare what the user sees. */
const shown = (values: TaskDefinitionFormValues): unknown =>
  JSON.parse(JSON.stringify(values, (key, value: unknown) => (key === "source" ? undefined : value)));

/** The form as a user fills it: two containers, a volume, a mount point, tags. */
function filledForm(): TaskDefinitionFormValues {
  let values = setFamily(newTaskDefinitionValues("us-east-1", "123456789012"), "wizard");
  values = setLaunchType(setLaunchType(values, "FARGATE", false), "EC2", true);
  values = { ...values, networkMode: "bridge", cpu: "512", memory: "1024" };
  values = addContainer(values, "us-east-1");
  const [web, worker] = values.containers;
  values.containers = [
    {
      ...web!,
      name: "web",
      image: "stevedore/sample-web:latest",
      memory: "0.25",
      portMappings: patchAt(web!.portMappings, 0, { hostPort: "0" }),
      environment: [
        { key: "GREETING", valueType: "value", value: "hello, world" },
        { key: "TOKEN", valueType: "valueFrom", value: "arn:aws:ssm:us-east-1:123456789012:parameter/token" },
      ],
      healthCheck: { command: "CMD-SHELL,wget -q -O- http://localhost/ || exit 1", interval: "10", timeout: "3", startPeriod: "", retries: "2" },
    },
    {
      ...worker!,
      name: "worker",
      image: "busybox:latest",
      essential: false,
      portMappings: [],
      memoryReservation: "0.125",
      command: "sh,-c,sleep 3600",
      dependsOn: [{ containerName: "web", condition: "START" }],
      log: { ...worker!.log, enabled: false },
      dockerLabels: [{ key: "role", value: "worker" }],
    },
  ];
  values.volumes = [{ name: "shared", type: "docker", sourcePath: "", driver: "local", scope: "task" }];
  values.mountPoints = [{ container: "container-2", sourceVolume: "shared", containerPath: "/shared", readOnly: true }];
  values.tags = [{ key: "team", value: "wizard" }];
  return values;
}

describe("task definition form: API object → form values → API object", () => {
  it("gives back a rich definition unchanged, fields the form does not show included", () => {
    assert.deepEqual(roundTrip(RICH), RICH);
  });
  it("adds nothing to a minimal definition", () => {
    assert.deepEqual(roundTrip(MINIMAL), MINIMAL);
  });
  it("keeps what it does not show when a field changes", () => {
    const values = toFormValues(RICH);
    values.containers[0] = { ...values.containers[0]!, image: "nginx:1.28", memory: "1" };
    const def = toTaskDefinition(values, RICH);
    const web = def.containerDefinitions[0]!;
    assert.equal(web.image, "nginx:1.28");
    assert.equal(web.memory, 1024);
    assert.deepEqual(web.logConfiguration?.secretOptions, RICH.containerDefinitions[0]!.logConfiguration?.secretOptions);
    assert.deepEqual(web.portMappings?.[2], { containerPortRange: "9000-9010", protocol: "tcp" });
    assert.deepEqual({ ...web, image: "nginx:1.28", memory: 512 }, { ...RICH.containerDefinitions[0], image: "nginx:1.28" });
    assert.equal(def.pidMode, "task");
  });
  it("shows the API's values in the console's units and lists", () => {
    const web = toFormValues(RICH).containers[0]!;
    assert.equal(web.memory, "0.5");
    assert.equal(web.memoryReservation, "0.125");
    assert.equal(web.gpu, "1");
    assert.equal(web.dnsServers, "10.0.0.2,10.0.0.3");
    assert.equal(web.healthCheck.command, "CMD-SHELL,curl -f http://localhost/ || exit 1");
    assert.equal(web.command, "sh,-c,\"echo a, b; exec nginx -g 'daemon off;'\"");
    assert.deepEqual(
      web.environment.map((e) => [e.key, e.valueType]),
      [
        ["MODE", "value"],
        ["EMPTY", "value"],
        ["DB_PASSWORD", "valueFrom"],
      ],
    );
    const values = toFormValues(RICH);
    assert.deepEqual(
      values.volumes.map((v) => v.type),
      ["bind", "bind", "docker", "efs"],
    );
    assert.deepEqual(
      values.mountPoints.map((m) => [m.container, m.sourceVolume]),
      [
        ["container-1", "data"],
        ["container-1", "cache"],
        ["container-2", "scratch"],
      ],
    );
  });
});

describe("task definition form: form values → API object → form values", () => {
  it("writes what the user entered", () => {
    const def = toTaskDefinition(filledForm());
    assert.deepEqual(def, {
      family: "wizard",
      requiresCompatibilities: ["EC2"],
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
      networkMode: "bridge",
      cpu: "512",
      memory: "1024",
      executionRoleArn: "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
      containerDefinitions: [
        {
          name: "web",
          image: "stevedore/sample-web:latest",
          essential: true,
          portMappings: [{ containerPort: 80, protocol: "tcp", hostPort: 0 }],
          memory: 256,
          environment: [{ name: "GREETING", value: "hello, world" }],
          secrets: [{ name: "TOKEN", valueFrom: "arn:aws:ssm:us-east-1:123456789012:parameter/token" }],
          logConfiguration: { logDriver: "awslogs", options: toRecord(defaultLogOptions("wizard", "us-east-1")) },
          healthCheck: { command: ["CMD-SHELL", "wget -q -O- http://localhost/ || exit 1"], interval: 10, timeout: 3, retries: 2 },
        },
        {
          name: "worker",
          image: "busybox:latest",
          essential: false,
          memoryReservation: 128,
          dependsOn: [{ containerName: "web", condition: "START" }],
          command: ["sh", "-c", "sleep 3600"],
          dockerLabels: { role: "worker" },
          mountPoints: [{ sourceVolume: "shared", containerPath: "/shared", readOnly: true }],
        },
      ],
      volumes: [{ name: "shared", dockerVolumeConfiguration: { driver: "local", scope: "task" } }],
      tags: [{ key: "team", value: "wizard" }],
    });
  });
  it("loses nothing when switching to JSON and back", () => {
    const values = filledForm();
    const def = toTaskDefinition(values);
    const again = toFormValues(def);
    assert.deepEqual(shown(again), shown(values));
    assert.deepEqual(toTaskDefinition(again, def), def);
  });
  it("keeps rows one to one, so issue paths name their row", () => {
    const values = filledForm();
    values.containers[0]!.environment.push({ key: "", valueType: "value", value: "" });
    const def = toTaskDefinition(values);
    assert.equal(def.containerDefinitions[0]!.environment?.length, 2);
    assert.equal(environmentPath(values, 0, 2), "containerDefinitions[0].environment[1]");
    assert.equal(environmentPath(values, 0, 1), "containerDefinitions[0].secrets[0]");
    assert.equal(storageRowPath(values, "mountPoints", 0), "containerDefinitions[1].mountPoints[0]");
    const result = checkTaskDefinition(def);
    assert.deepEqual(result.ok ? [] : result.issues.map((i) => i.path), [`${environmentPath(values, 0, 2)}.name`]);
  });
});

describe("task definition form: edits", () => {
  it("opens as the console does: Fargate, Linux/X86_64, awsvpc, 1 vCPU, 3 GB, port 80, CloudWatch logs", () => {
    const def = toTaskDefinition(setFamily(newTaskDefinitionValues("eu-west-1", "123456789012"), "api"));
    assert.deepEqual(def.requiresCompatibilities, ["FARGATE"]);
    assert.equal(def.networkMode, "awsvpc");
    assert.equal(def.cpu, "1024");
    assert.equal(def.memory, "3072");
    const c = def.containerDefinitions[0]!;
    assert.deepEqual(c.portMappings, [{ containerPort: 80, protocol: "tcp" }]);
    assert.equal(c.logConfiguration?.options?.["awslogs-group"], "/ecs/api");
    assert.equal(c.logConfiguration?.options?.["awslogs-region"], "eu-west-1");
  });
  it("moves log groups named after the family with it, and no others", () => {
    let values = setFamily(newTaskDefinitionValues("us-east-1", "123456789012"), "a");
    values = addContainer(values, "us-east-1");
    values.containers[1]!.log.options[0]!.value = "/custom";
    values = setFamily(values, "ab");
    assert.deepEqual(
      values.containers.map((c) => c.log.options[0]!.value),
      ["/ecs/ab", "/custom"],
    );
  });
  it("sets awsvpc and a Fargate size when AWS Fargate is ticked", () => {
    let values = setLaunchType(newTaskDefinitionValues("us-east-1", "123456789012"), "FARGATE", false);
    values = setLaunchType(values, "EC2", true);
    values = { ...values, networkMode: "bridge", cpu: "1024", memory: "1000" };
    values = setLaunchType(values, "FARGATE", true);
    assert.deepEqual(values.requiresCompatibilities, ["EC2", "FARGATE"]);
    assert.equal(values.networkMode, "awsvpc");
    assert.deepEqual([values.cpu, values.memory], ["1024", "2048"]);
    assert.equal(values.executionRoleArn, "arn:aws:iam::123456789012:role/ecsTaskExecutionRole", "awslogs on Fargate needs the execution role: the wizard fills in the account's");
    const named = { ...values, family: "api", containers: [{ ...values.containers[0]!, name: "api", image: "nginx" }] };
    assert.deepEqual(taskDefinitionIssues(toTaskDefinition(named)), [], "ECS's rules take the size the form picked");
  });
  it("gives new containers their own key and removes a container's mount points with it", () => {
    let values = filledForm();
    values = addContainer(removeContainer(values, "container-1"), "us-east-1");
    assert.deepEqual(
      values.containers.map((c) => c.key),
      ["container-2", "container-3"],
    );
    values = removeContainer(values, "container-2");
    assert.deepEqual(values.mountPoints, []);
    assert.deepEqual(newContainer("k", "f", "r").portMappings[0]?.containerPort, "80");
  });
});
