import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RegisterTaskDefinitionInput } from "@stevedore/shared";
import { notAppliedFields } from "../src/lib/not-applied.ts";
import { checkTaskDefinition, parseRegisterInput, type Issue } from "../src/lib/task-definition-checks.ts";
import { newTaskDefinitionValues } from "../src/lib/task-definition-form/defaults.ts";
import { setFamily } from "../src/lib/task-definition-form/edit.ts";
import { fargateMemoryOptions, fitFargateSize, gbLabel, isFargateSize, vcpuLabel } from "../src/lib/task-definition-form/fargate.ts";
import { toTaskDefinition } from "../src/lib/task-definition-form/to-definition.ts";

const issuesOf = (raw: unknown): Issue[] => {
  const result = checkTaskDefinition(raw);
  return result.ok ? [] : result.issues;
};
const at = (issues: Issue[], path: string) => issues.filter((i) => i.path === path).map((i) => i.message);

const ec2 = (containerDefinitions: RegisterTaskDefinitionInput["containerDefinitions"], extra: Partial<RegisterTaskDefinitionInput> = {}) => ({
  family: "web",
  requiresCompatibilities: ["EC2"],
  networkMode: "bridge",
  containerDefinitions,
  ...extra,
});

describe("task size", () => {
  it("labels sizes as the console does", () => {
    assert.deepEqual([256, 512, 1024, 2048].map(vcpuLabel), [".25 vCPU", ".5 vCPU", "1 vCPU", "2 vCPU"]);
    assert.deepEqual([512, 3072, 30720].map(gbLabel), [".5 GB", "3 GB", "30 GB"]);
  });
  it("knows Fargate's pairs", () => {
    assert.deepEqual(fargateMemoryOptions("256"), [512, 1024, 2048]);
    assert.deepEqual(fargateMemoryOptions("1 vCPU").map(gbLabel), ["2 GB", "3 GB", "4 GB", "5 GB", "6 GB", "7 GB", "8 GB"]);
    assert.equal(fargateMemoryOptions("8192").length, 12);
    assert.equal(fargateMemoryOptions("300").length, 0);
    assert.equal(isFargateSize("1024", "3 GB"), true);
    assert.equal(isFargateSize("256", "4096"), false);
  });
  it("fits a size to Fargate", () => {
    assert.deepEqual(fitFargateSize("1024", "3072"), { cpu: "1024", memory: "3072" });
    assert.deepEqual(fitFargateSize("2048", "1024"), { cpu: "2048", memory: "4096" });
    assert.deepEqual(fitFargateSize("256", "8192"), { cpu: "256", memory: "2048" });
    assert.deepEqual(fitFargateSize("100", ""), { cpu: "1024", memory: "2048" });
  });
});

describe("task definition checks", () => {
  it("accepts a valid definition and returns the schema's value", () => {
    const result = checkTaskDefinition(ec2([{ name: "web", image: "nginx", memory: 128 }], { cpu: 512 as unknown as string }));
    assert.equal(result.ok, true);
    if (result.ok) assert.equal(result.value.cpu, "512");
  });
  it("puts the form's issues on the fields' paths, in a form's words", () => {
    const values = newTaskDefinitionValues("us-east-1");
    values.containers[0]!.portMappings[0]!.containerPort = "eighty";
    values.containers[0]!.memory = "0.5.1";
    const parsed = parseRegisterInput(toTaskDefinition(values));
    assert.equal(parsed.ok, false);
    if (!parsed.ok) {
      assert.deepEqual(at(parsed.issues, "containerDefinitions[0].portMappings[0].containerPort"), ["Enter a number."]);
      assert.deepEqual(at(parsed.issues, "containerDefinitions[0].memory"), ["Enter a number."]);
    }
  });
  it("checks the new form as the console does", () => {
    const issues = issuesOf(toTaskDefinition(newTaskDefinitionValues("us-east-1")));
    assert.deepEqual(at(issues, "family"), ["Task definition family is required."]);
    assert.deepEqual(at(issues, "containerDefinitions[0].name"), ["Container name is required."]);
    assert.deepEqual(at(issues, "containerDefinitions[0].image"), ["Enter an image URI."]);
    const named = toTaskDefinition(setFamily(newTaskDefinitionValues("us-east-1"), "api"));
    named.containerDefinitions[0] = { ...named.containerDefinitions[0]!, name: "api", image: "nginx" };
    assert.deepEqual(issuesOf(named), []);
  });
  it("checks Fargate's network mode and sizes", () => {
    const base = ec2([{ name: "web", image: "nginx" }], { requiresCompatibilities: ["FARGATE"], cpu: "256", memory: "4096" });
    const issues = issuesOf(base);
    assert.deepEqual(at(issues, "networkMode"), ["AWS Fargate requires the awsvpc network mode."]);
    assert.deepEqual(at(issues, "memory"), ["AWS Fargate does not offer 4 GB with .25 vCPU."]);
    assert.deepEqual(at(issuesOf({ ...base, networkMode: "awsvpc", memory: "2 GB", ephemeralStorage: { sizeInGiB: 500 } }), "ephemeralStorage.sizeInGiB"), [
      "Enter from 21 to 200 GiB.",
    ]);
  });
  it("checks host ports against the network mode", () => {
    const ports = [{ name: "web", image: "nginx", memory: 128, portMappings: [{ containerPort: 80, hostPort: 0 }] }];
    assert.deepEqual(issuesOf(ec2(ports)), []);
    assert.deepEqual(at(issuesOf(ec2(ports, { networkMode: "host" })), "containerDefinitions[0].portMappings[0].hostPort"), [
      "In the host network mode the host port is the container port: leave it empty.",
    ]);
    assert.deepEqual(at(issuesOf(ec2(ports, { networkMode: "none" })), "containerDefinitions[0].portMappings"), [
      "The none network mode takes no port mappings.",
    ]);
  });
  it("checks containers: names, memory, essential, references, rows", () => {
    const issues = issuesOf(
      ec2(
        [
          { name: "web", image: "nginx", essential: false, memory: 64, memoryReservation: 128, dependsOn: [{ containerName: "db", condition: "START" }] },
          {
            name: "web",
            image: "nginx",
            essential: false,
            memoryReservation: 4,
            portMappings: [{ protocol: "tcp" }],
            environment: [{ value: "x" }],
            mountPoints: [{ sourceVolume: "nope" }],
            ulimits: [{ name: "nofile", softLimit: 10, hardLimit: 5 }],
            healthCheck: { command: ["curl", "localhost"], interval: 1 },
            dockerLabels: { "": "x" },
          },
          { name: "no spaces", image: "nginx", essential: false },
        ],
        { placementConstraints: [{ type: "memberOf" }, { type: "distinctInstance" }] },
      ),
    );
    assert.deepEqual(at(issues, "containerDefinitions"), ["At least one container must be essential."]);
    assert.deepEqual(at(issues, "containerDefinitions[0].memory"), ["The memory hard limit must be at least the soft limit."]);
    assert.deepEqual(at(issues, "containerDefinitions[0].dependsOn[0].containerName"), ["Choose another container of this task definition."]);
    assert.deepEqual(at(issues, "containerDefinitions[1].name"), ["Container names must be unique within a task definition."]);
    assert.deepEqual(at(issues, "containerDefinitions[1].memoryReservation"), ["The memory soft limit must be at least 6 MiB."]);
    assert.deepEqual(at(issues, "containerDefinitions[1].portMappings[0].containerPort"), ["Enter a container port."]);
    assert.deepEqual(at(issues, "containerDefinitions[1].environment[0].name"), ["Enter a key."]);
    assert.deepEqual(at(issues, "containerDefinitions[1].mountPoints[0].sourceVolume"), ["Choose a volume of this task definition."]);
    assert.deepEqual(at(issues, "containerDefinitions[1].mountPoints[0].containerPath"), ["Enter a container path."]);
    assert.deepEqual(at(issues, "containerDefinitions[1].ulimits[0].softLimit"), ["The soft limit must not exceed the hard limit."]);
    assert.equal(at(issues, "containerDefinitions[1].healthCheck.command").length, 1);
    assert.deepEqual(at(issues, "containerDefinitions[1].healthCheck.interval"), ["Enter a value from 5 to 300."]);
    assert.deepEqual(at(issues, "containerDefinitions[1].dockerLabels"), ["Every Docker label needs a key."]);
    assert.match(at(issues, "containerDefinitions[2].name")[0]!, /letters/);
    assert.deepEqual(at(issues, "containerDefinitions[2].memory"), ["The task has no task-level memory: set a memory hard limit or soft limit."]);
    assert.deepEqual(at(issues, "placementConstraints[0].expression"), ["Enter a cluster query language expression."]);
    assert.equal(at(issues, "placementConstraints[1].type").length, 1);
  });
});

describe("fields not applied in Stevedore", () => {
  it("lists roles, secrets, logging, GPUs and EFS volumes that are set", () => {
    assert.deepEqual(
      notAppliedFields({
        taskRoleArn: "arn:aws:iam::1:role/a",
        containerDefinitions: [
          { name: "a", image: "b", secrets: [{ name: "S", valueFrom: "arn" }], environment: [] },
          { name: "c", image: "d", resourceRequirements: [{ type: "GPU", value: "1" }], logConfiguration: { logDriver: "awslogs" } },
        ],
        volumes: [{ name: "v", efsVolumeConfiguration: { fileSystemId: "fs-1" } }, { name: "w", host: {} }],
      }),
      [
        "taskRoleArn",
        "containerDefinitions[0].secrets",
        "containerDefinitions[1].logConfiguration",
        "containerDefinitions[1].resourceRequirements",
        "volumes[0].efsVolumeConfiguration",
      ],
    );
    assert.deepEqual(notAppliedFields({ containerDefinitions: [{ name: "a", image: "b" }] }), []);
  });
});
