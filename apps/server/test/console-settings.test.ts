/**
 * The actions behind the console's Account settings, Update cluster and capacity provider pages, with
 * the SDK: account settings per principal with the account default, and what new clusters take from
 * them; UpdateCluster and UpdateClusterSettings; UpdateCapacityProvider's managed scaling.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateCapacityProviderCommand,
  CreateClusterCommand,
  DeleteAccountSettingCommand,
  DescribeCapacityProvidersCommand,
  DescribeClustersCommand,
  ListAccountSettingsCommand,
  PutAccountSettingCommand,
  PutAccountSettingDefaultCommand,
  UpdateCapacityProviderCommand,
  UpdateClusterCommand,
  UpdateClusterSettingsCommand,
} from "@aws-sdk/client-ecs";
import { CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand } from "@aws-sdk/client-auto-scaling";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let t: TestServer;
before(async () => {
  t = await startTestServer("127.55", { embeddedAgents: false });
});
after(async () => {
  await t?.close();
});

const insights = async (cluster: string) =>
  (await t.ecs.send(new DescribeClustersCommand({ clusters: [cluster] }))).clusters![0]!.settings!.find((s) => s.name === "containerInsights")?.value;

test("account settings: AWS's defaults, the account default, a principal's own value, and what a new cluster takes", async () => {
  const effective = await t.ecs.send(new ListAccountSettingsCommand({ effectiveSettings: true, maxResults: 10 }));
  const insightsSetting = effective.settings!.find((s) => s.name === "containerInsights");
  assert.equal(insightsSetting?.value, "disabled");
  assert.equal(insightsSetting?.type, "aws_managed");
  assert.equal((await t.ecs.send(new ListAccountSettingsCommand({}))).settings!.length, 0, "nothing set yet");

  const put = await t.ecs.send(new PutAccountSettingDefaultCommand({ name: "containerInsights", value: "enhanced" }));
  assert.equal(put.setting?.value, "enhanced");
  assert.match(put.setting!.principalArn!, /:root$/);
  await t.ecs.send(new CreateClusterCommand({ clusterName: "takes-default" }));
  assert.equal(await insights("takes-default"), "enhanced", "a cluster created without settings takes the account's");
  await t.ecs.send(new CreateClusterCommand({ clusterName: "explicit", settings: [{ name: "containerInsights", value: "disabled" }] }));
  assert.equal(await insights("explicit"), "disabled");

  await t.ecs.send(new PutAccountSettingCommand({ name: "containerInsights", value: "enabled" }));
  const mine = await t.ecs.send(new ListAccountSettingsCommand({ name: "containerInsights", effectiveSettings: true }));
  assert.equal(mine.settings![0]!.value, "enabled", "the principal's own value wins over the default");
  await t.ecs.send(new DeleteAccountSettingCommand({ name: "containerInsights" }));
  const back = await t.ecs.send(new ListAccountSettingsCommand({ name: "containerInsights", effectiveSettings: true }));
  assert.equal(back.settings![0]!.value, "enhanced", "without its own value, the account default applies again");

  await assert.rejects(t.ecs.send(new PutAccountSettingCommand({ name: "containerInsights", value: "sometimes" })), { name: "InvalidParameterException" });
  await assert.rejects(t.ecs.send(new PutAccountSettingCommand({ name: "noSuchSetting" as never, value: "on" })), { name: "InvalidParameterException" });
  await assert.rejects(t.ecs.send(new PutAccountSettingCommand({ name: "guardDutyActivate", value: "on" })), { name: "InvalidParameterException" });
});

test("UpdateCluster and UpdateClusterSettings change the cluster's settings, configuration and Service Connect namespace", async () => {
  await t.ecs.send(new CreateClusterCommand({ clusterName: "updatable", settings: [{ name: "containerInsights", value: "disabled" }] }));
  const updated = await t.ecs.send(
    new UpdateClusterCommand({
      cluster: "updatable",
      settings: [{ name: "containerInsights", value: "enabled" }],
      configuration: { executeCommandConfiguration: { logging: "DEFAULT" } },
      serviceConnectDefaults: { namespace: "updatable" },
    }),
  );
  assert.equal(updated.cluster?.settings?.[0]?.value, "enabled");
  assert.equal(updated.cluster?.configuration?.executeCommandConfiguration?.logging, "DEFAULT");
  assert.match(updated.cluster!.serviceConnectDefaults!.namespace!, /^arn:aws:servicediscovery:us-east-1:\d{12}:namespace\/updatable$/);
  const described = await t.ecs.send(new DescribeClustersCommand({ clusters: ["updatable"], include: ["CONFIGURATIONS"] }));
  assert.equal(described.clusters![0]!.configuration?.executeCommandConfiguration?.logging, "DEFAULT");

  const settings = await t.ecs.send(new UpdateClusterSettingsCommand({ cluster: "updatable", settings: [{ name: "containerInsights", value: "enhanced" }] }));
  assert.deepEqual(settings.cluster?.settings, [{ name: "containerInsights", value: "enhanced" }]);
  await assert.rejects(
    t.ecs.send(new UpdateClusterCommand({ cluster: "updatable", configuration: { executeCommandConfiguration: { logging: "OVERRIDE" } } })),
    { name: "InvalidParameterException" },
  );
  await assert.rejects(t.ecs.send(new UpdateClusterSettingsCommand({ cluster: "no-such-cluster", settings: [{ name: "containerInsights", value: "enabled" }] })), {
    name: "ClusterNotFoundException",
  });
});

test("UpdateCapacityProvider changes managed scaling within ECS's bounds", async () => {
  await t.autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "cs-lc", ImageId: "ami-ecs", InstanceType: "t3.small" }));
  await t.autoscaling.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: "cs-asg", LaunchConfigurationName: "cs-lc", MinSize: 0, MaxSize: 2, DesiredCapacity: 0 }));
  await t.ecs.send(new CreateCapacityProviderCommand({ name: "cs-cp", autoScalingGroupProvider: { autoScalingGroupArn: "cs-asg" } }));
  const { capacityProvider } = await t.ecs.send(
    new UpdateCapacityProviderCommand({ name: "cs-cp", autoScalingGroupProvider: { managedScaling: { status: "ENABLED", targetCapacity: 80 } } }),
  );
  assert.equal(capacityProvider?.updateStatus, "UPDATE_COMPLETE");
  assert.equal(capacityProvider?.autoScalingGroupProvider?.managedScaling?.status, "ENABLED");
  assert.equal(capacityProvider?.autoScalingGroupProvider?.managedScaling?.targetCapacity, 80);
  const described = await t.ecs.send(new DescribeCapacityProvidersCommand({ capacityProviders: ["cs-cp"] }));
  assert.equal(described.capacityProviders![0]!.autoScalingGroupProvider?.managedScaling?.targetCapacity, 80);
  await assert.rejects(
    t.ecs.send(new UpdateCapacityProviderCommand({ name: "cs-cp", autoScalingGroupProvider: { managedScaling: { targetCapacity: 0 } } })),
    { name: "InvalidParameterException" },
  );
  await assert.rejects(t.ecs.send(new UpdateCapacityProviderCommand({ name: "FARGATE", autoScalingGroupProvider: {} })), { name: "ClientException" });
});
