import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { encodeQuery } from "../src/api/query-encoding.ts";
import {
  autoScalingGroupName,
  base64,
  capacityProviderName,
  launchConfigurationName,
  randomHex,
  userDataScript,
} from "../src/lib/cluster-resources.ts";

describe("AWS Query encoding", () => {
  it("writes Auto Scaling lists as member.N", () => {
    const body = encodeQuery("CreateAutoScalingGroup", "2011-01-01", {
      AutoScalingGroupName: "demo-ECS-Infra-ECSAutoScalingGroup",
      MinSize: 0,
      MaxSize: 5,
      DesiredCapacity: 2,
      AvailabilityZones: ["us-east-1a", "us-east-1b"],
      Skipped: undefined,
    });
    const params = new URLSearchParams(body);
    assert.equal(params.get("Action"), "CreateAutoScalingGroup");
    assert.equal(params.get("Version"), "2011-01-01");
    assert.equal(params.get("MinSize"), "0");
    assert.equal(params.get("AvailabilityZones.member.1"), "us-east-1a");
    assert.equal(params.get("AvailabilityZones.member.2"), "us-east-1b");
    assert.equal(params.has("Skipped"), false);
  });
  it("writes EC2 lists as Name.N", () => {
    const params = new URLSearchParams(encodeQuery("DescribeInstances", "2016-11-15", { InstanceId: ["i-1", "i-2"] }, "flat"));
    assert.equal(params.get("InstanceId.1"), "i-1");
    assert.equal(params.get("InstanceId.2"), "i-2");
  });
  it("encodes base64 user data safely", () => {
    const body = encodeQuery("CreateLaunchConfiguration", "2011-01-01", { UserData: "a+b/c==" });
    assert.equal(new URLSearchParams(body).get("UserData"), "a+b/c==");
  });
});

describe("cluster resources", () => {
  it("names resources as the console's stack does", () => {
    assert.equal(launchConfigurationName("demo"), "EC2ContainerService-demo-LaunchConfiguration");
    assert.equal(autoScalingGroupName("demo"), "demo-ECS-Infra-ECSAutoScalingGroup");
    assert.equal(capacityProviderName("demo", "a1b2c3"), "Infra-ECS-Cluster-demo-a1b2c3");
  });
  it("keeps names within 255 characters", () => {
    const long = "c".repeat(255);
    for (const name of [launchConfigurationName(long), autoScalingGroupName(long), capacityProviderName(long, "abcdef")]) {
      assert.equal(name.length, 255);
    }
    assert.ok(autoScalingGroupName(long).endsWith("-ECS-Infra-ECSAutoScalingGroup"));
  });
  it("writes the user data that joins the cluster", () => {
    const script = userDataScript("demo");
    assert.equal(script, "#!/bin/bash\necho ECS_CLUSTER=demo >> /etc/ecs/ecs.config;");
    assert.equal(Buffer.from(base64(script), "base64").toString("utf8"), script);
  });
  it("makes random hex suffixes", () => {
    const hex = randomHex(6);
    assert.match(hex, /^[0-9a-f]{6}$/);
  });
});
