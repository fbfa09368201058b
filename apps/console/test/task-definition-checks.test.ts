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
    const result = checkTaskDefinition(ec2([{ name: "web", image: "nginx", memory: 128 }], { cpu: "512" }));
    assert.equal(result.ok, true);
    if (result.ok) assert.equal(result.value.cpu, "512");
  });
  it("puts the form's issues on the fields' paths, in a form's words", () => {
    const values = newTaskDefinitionValues("us-east-1", "123456789012");
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
    const issues = issuesOf(toTaskDefinition(newTaskDefinitionValues("us-east-1", "123456789012")));
    assert.deepEqual(at(issues, "family"), ["Task definition family is required."]);
    assert.deepEqual(at(issues, "containerDefinitions[0].name"), ["Container name is required."]);
    assert.deepEqual(at(issues, "containerDefinitions[0].image"), ["Enter an image URI."]);
    const named = toTaskDefinition(setFamily(newTaskDefinitionValues("us-east-1", "123456789012"), "api"));
    named.containerDefinitions[0] = { ...named.containerDefinitions[0]!, name: "api", image: "nginx" };
    assert.deepEqual(issuesOf(named), []);
  });
  it("shows ECS's rules (shared with the server) at the form's fields, in ECS's words", () => {
    const fargate = ec2([{ name: "web", image: "nginx", portMappings: [{ containerPort: 80, hostPort: 8080 }] }], {
      requiresCompatibilities: ["FARGATE"],
      networkMode: "host",
      cpu: "256",
      memory: "4096",
    });
    const issues = issuesOf(fargate);
    assert.deepEqual(at(issues, "networkMode"), ["Fargate only supports network mode ‘awsvpc’."]);
    assert.deepEqual(at(issues, "memory"), [
      "No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.",
    ]);
    assert.deepEqual(at(issues, "containerDefinitions[0].portMappings[0].hostPort"), [
      "When networkMode=host, the host ports and container ports in port mappings must match.",
    ]);
  });
  it("says what a field left empty needs, in place of ECS's words for the same field", () => {
    const issues = issuesOf(
      ec2(
        [
          {
            name: "web",
            image: "",
            memory: 128,
            portMappings: [{ protocol: "tcp" }],
            environment: [{ value: "x" }],
            mountPoints: [{}],
            ulimits: [{ name: "" as never, softLimit: 1, hardLimit: 2 }],
            dockerLabels: { "": "x" },
          },
        ],
        { family: "", placementConstraints: [{ type: "memberOf" }], volumes: [{ name: "" }] },
      ),
    );
    assert.deepEqual(issues, [
      { path: "family", message: "Task definition family is required." },
      { path: "placementConstraints[0].expression", message: "Enter a cluster query language expression." },
      { path: "volumes[0].name", message: "Enter a volume name." },
      { path: "containerDefinitions[0].image", message: "Enter an image URI." },
      { path: "containerDefinitions[0].portMappings[0].containerPort", message: "Enter a container port." },
      { path: "containerDefinitions[0].mountPoints[0].sourceVolume", message: "Choose a volume of this task definition." },
      { path: "containerDefinitions[0].mountPoints[0].containerPath", message: "Enter a container path." },
      { path: "containerDefinitions[0].environment[0].name", message: "Enter a key." },
      { path: "containerDefinitions[0].ulimits[0].name", message: "Choose a limit name." },
      { path: "containerDefinitions[0].dockerLabels", message: "Every Docker label needs a key." },
    ]);
  });
  it("keeps ECS's words where the field is filled in", () => {
    const issues = issuesOf(
      ec2([
        { name: "web", image: "nginx", memory: 128, essential: false, mountPoints: [{ sourceVolume: "nope", containerPath: "/data" }] },
        { name: "no spaces", image: "nginx", essential: false },
      ]),
    );
    assert.deepEqual(at(issues, "containerDefinitions"), ["At least one essential container is required."]);
    assert.deepEqual(at(issues, "containerDefinitions[0].mountPoints[0].sourceVolume"), [
      "Container 'web': mountPoints sourceVolume 'nope' is not a volume of this task definition.",
    ]);
    assert.match(at(issues, "containerDefinitions[1].name")[0]!, /^Container name 'no spaces' contains invalid characters/);
    assert.deepEqual(at(issues, "containerDefinitions[1].memory"), [
      "Invalid setting for container 'no spaces'. At least one of 'memory' or 'memoryReservation' must be specified.",
    ]);
  });
});

describe("fields not applied in Stevedore", () => {
  it("lists roles, secrets, log drivers other than awslogs, GPUs and EFS volumes that are set", () => {
    assert.deepEqual(
      notAppliedFields({
        taskRoleArn: "arn:aws:iam::1:role/a",
        containerDefinitions: [
          { name: "a", image: "b", secrets: [{ name: "S", valueFrom: "arn" }], environment: [] },
          { name: "c", image: "d", resourceRequirements: [{ type: "GPU", value: "1" }], logConfiguration: { logDriver: "splunk" } },
          { name: "e", image: "f", logConfiguration: { logDriver: "awslogs" }, restartPolicy: { enabled: true } },
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
