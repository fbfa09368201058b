import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { autoScalingGroupNameFromArn } from "@stevedore/shared";
import {
  bindingUrl,
  capacityProviderText,
  clusterTasksText,
  containerInstancesText,
  essentialText,
  formatDateTime,
  formatMiB,
  formatNetworkBinding,
  formatPortMapping,
  formatRelative,
  formatTaskCpu,
  formatTaskMemory,
  instanceTypeLabel,
  monitoringText,
  regionFromArn,
  regionName,
  resourceValue,
  shortId,
  splitTaskDefinitionRef,
  statusKind,
  statusText,
  taskDefinitionRef,
  toDate,
} from "../src/lib/format.ts";

describe("task size", () => {
  it("formats task CPU as the console does", () => {
    assert.equal(formatTaskCpu("1024"), "1,024 units (1 vCPU)");
    assert.equal(formatTaskCpu("256"), "256 units (0.25 vCPU)");
    assert.equal(formatTaskCpu("512"), "512 units (0.5 vCPU)");
    assert.equal(formatTaskCpu("1 vCPU"), "1,024 units (1 vCPU)");
    assert.equal(formatTaskCpu(2048), "2,048 units (2 vCPU)");
    assert.equal(formatTaskCpu(undefined), "-");
    assert.equal(formatTaskCpu("lots"), "lots");
  });
  it("formats task memory as the console does", () => {
    assert.equal(formatTaskMemory("2048"), "2,048 MiB (2 GiB)");
    assert.equal(formatTaskMemory("512"), "512 MiB (0.5 GiB)");
    assert.equal(formatTaskMemory("3 GB"), "3,072 MiB (3 GiB)");
    assert.equal(formatTaskMemory("128"), "128 MiB (0.125 GiB)");
    assert.equal(formatTaskMemory(""), "-");
  });
  it("formats container sizes", () => {
    assert.equal(formatMiB(982), "982 MiB");
    assert.equal(formatMiB(15705), "15,705 MiB");
    assert.equal(formatMiB(undefined), "-");
  });
});

describe("clusters list", () => {
  it("says No tasks running or the counts", () => {
    assert.equal(clusterTasksText(0, 0), "No tasks running");
    assert.equal(clusterTasksText(1, 2), "1 Pending | 2 Running");
    assert.equal(clusterTasksText(0, 3), "0 Pending | 3 Running");
  });
  it("counts EC2 container instances", () => {
    assert.equal(containerInstancesText(0), "0 EC2");
    assert.equal(containerInstancesText(2), "2 EC2");
  });
  it("reads the monitoring setting", () => {
    assert.equal(monitoringText(undefined), "Default");
    assert.equal(monitoringText([{ name: "containerInsights", value: "disabled" }]), "Default");
    assert.equal(monitoringText([{ name: "containerInsights", value: "enabled" }]), "Container Insights");
    assert.equal(
      monitoringText([{ name: "containerInsights", value: "enhanced" }]),
      "Container Insights with enhanced observability",
    );
  });
  it("names the default capacity provider", () => {
    assert.equal(capacityProviderText([]), "No default found");
    assert.equal(capacityProviderText(undefined), "No default found");
    assert.equal(capacityProviderText([{ capacityProvider: "Infra-ECS-Cluster-demo-abc123" }]), "Infra-ECS-Cluster-demo-abc123");
  });
});

describe("statuses", () => {
  it("capitalizes ECS statuses", () => {
    assert.equal(statusText("RUNNING"), "Running");
    assert.equal(statusText("DEPROVISIONING"), "Deprovisioning");
    assert.equal(statusText("REGISTRATION_FAILED"), "Registration failed");
    assert.equal(statusText(undefined), "-");
  });
  it("classifies statuses", () => {
    assert.equal(statusKind("RUNNING"), "success");
    assert.equal(statusKind("PENDING"), "pending");
    assert.equal(statusKind("STOPPING"), "in-progress");
    assert.equal(statusKind("STOPPED"), "stopped");
    assert.equal(statusKind("UNHEALTHY"), "error");
    assert.equal(statusKind("UNKNOWN"), "unknown");
    assert.equal(statusKind("SOMETHING"), "info");
  });
});

describe("times", () => {
  it("reads epoch seconds and milliseconds", () => {
    assert.equal(toDate(1700000000)?.toISOString(), "2023-11-14T22:13:20.000Z");
    assert.equal(toDate(1700000000123)?.toISOString(), "2023-11-14T22:13:20.123Z");
    assert.equal(toDate(1700000000.5)?.toISOString(), "2023-11-14T22:13:20.500Z");
    assert.equal(toDate("2024-01-02T03:04:05Z")?.toISOString(), "2024-01-02T03:04:05.000Z");
    assert.equal(toDate(undefined), undefined);
  });
  it("formats absolute times with the UTC offset", () => {
    assert.equal(formatDateTime(1700000000, 0), "November 14, 2023, 22:13:20 (UTC+00:00)");
    assert.equal(formatDateTime(1700000000, 60), "November 14, 2023, 23:13:20 (UTC+01:00)");
    assert.equal(formatDateTime(1700000000, -330), "November 14, 2023, 16:43:20 (UTC-05:30)");
    assert.equal(formatDateTime(undefined), "-");
  });
  it("formats relative times", () => {
    const now = 1_700_000_000_000;
    assert.equal(formatRelative(now / 1000, now), "just now");
    assert.equal(formatRelative(now / 1000 - 30, now), "30 seconds ago");
    assert.equal(formatRelative(now / 1000 - 60, now), "1 minute ago");
    assert.equal(formatRelative(now / 1000 - 7200, now), "2 hours ago");
    assert.equal(formatRelative(now / 1000 - 3 * 86400, now), "3 days ago");
    assert.equal(formatRelative(now / 1000 + 120, now), "in 2 minutes");
  });
});

describe("ARNs and references", () => {
  it("takes ids from ARNs", () => {
    assert.equal(shortId("arn:aws:ecs:us-east-1:123456789012:task/demo/0123abcd"), "0123abcd");
    assert.equal(shortId(undefined), "-");
  });
  it("reads task definition references", () => {
    assert.equal(taskDefinitionRef("arn:aws:ecs:us-east-1:123456789012:task-definition/web:3"), "web:3");
    assert.deepEqual(splitTaskDefinitionRef("sample-web:12"), { family: "sample-web", revision: "12" });
    assert.deepEqual(splitTaskDefinitionRef("sample-web"), { family: "sample-web", revision: "" });
  });
  it("reads Auto Scaling group names and regions", () => {
    assert.equal(
      autoScalingGroupNameFromArn(
        "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:uuid-1:autoScalingGroupName/demo-ECS-Infra-ECSAutoScalingGroup",
      ),
      "demo-ECS-Infra-ECSAutoScalingGroup",
    );
    assert.equal(regionFromArn("arn:aws:ecs:eu-west-1:123456789012:cluster/x"), "eu-west-1");
    assert.equal(regionName("us-east-1"), "N. Virginia");
    assert.equal(regionName("xx-test-9"), "xx-test-9");
  });
});

describe("containers and instances", () => {
  it("formats network bindings and their address", () => {
    const b = { bindIP: "127.0.1.2", containerPort: 80, hostPort: 32768, protocol: "tcp" as const };
    assert.equal(formatNetworkBinding(b), "127.0.1.2:32768 → 80/tcp");
    assert.equal(bindingUrl(b), "http://127.0.1.2:32768/");
  });
  it("formats port mappings", () => {
    assert.equal(formatPortMapping({ containerPort: 80, hostPort: 0 }, "bridge"), "80/tcp (host port: dynamic)");
    assert.equal(formatPortMapping({ containerPort: 80, hostPort: 8080, protocol: "udp" }, "bridge"), "80/udp (host port: 8080)");
    assert.equal(formatPortMapping({ containerPort: 443 }, "awsvpc"), "443/tcp (host port: 443)");
  });
  it("says whether a container is essential", () => {
    assert.equal(essentialText(undefined), "Yes");
    assert.equal(essentialText(true), "Yes");
    assert.equal(essentialText(false), "No");
  });
  it("reads resources", () => {
    const resources = [
      { name: "CPU", type: "INTEGER" as const, integerValue: 2048, longValue: 0, doubleValue: 0 },
      { name: "MEMORY", type: "INTEGER" as const, integerValue: 3917, longValue: 0, doubleValue: 0 },
    ];
    assert.equal(resourceValue(resources, "CPU"), 2048);
    assert.equal(resourceValue(resources, "MEMORY"), 3917);
    assert.equal(resourceValue(resources, "PORTS"), undefined);
  });
  it("labels instance types", () => {
    assert.equal(instanceTypeLabel({ name: "t3.medium", vcpus: 2, memoryMiB: 4096 }), "t3.medium (2 vCPU, 4 GiB memory)");
    assert.equal(instanceTypeLabel({ name: "t2.micro", vcpus: 1, memoryMiB: 1024 }), "t2.micro (1 vCPU, 1 GiB memory)");
  });
});
