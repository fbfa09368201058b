/**
 * Two accounts on one server, each with its own keys: what one creates (a cluster, a task definition, a
 * launch configuration, a log group), the other neither lists, describes, changes nor deletes, by name
 * or by ARN; names are each account's own; every ARN carries its account.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import {
  CreateClusterCommand,
  DeleteClusterCommand,
  DescribeClustersCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListClustersCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  TagResourceCommand,
} from "@aws-sdk/client-ecs";
import { AutoScalingClient, CreateLaunchConfigurationCommand, DescribeLaunchConfigurationsCommand } from "@aws-sdk/client-auto-scaling";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const A = { accountId: "111111111111", accessKeyId: "AKIAACCOUNTA0000001", secretAccessKey: "secret-of-account-a-000" };
const B = { accountId: "222222222222", accessKeyId: "AKIAACCOUNTB0000001", secretAccessKey: "secret-of-account-b-000" };

let t: TestServer;
before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accounts-"));
  const keysFile = path.join(dir, "keys.json");
  fs.writeFileSync(
    keysFile,
    JSON.stringify({
      accounts: [A, B].map(({ accountId, accessKeyId, secretAccessKey }) => ({ accountId, name: accountId, keys: [{ accessKeyId, secretAccessKey, userName: "student" }] })),
    }),
  );
  t = await startTestServer("127.96", { embeddedAgents: false, keysFile });
});
after(async () => {
  await t?.close();
});

const ecs = (k: typeof A) => new ECSClient({ endpoint: t.server.url, region: "us-east-1", credentials: k });
const autoscaling = (k: typeof A) => new AutoScalingClient({ endpoint: t.server.url, region: "us-east-1", credentials: k });

test("each account sees, names and changes only its own resources, by name or by ARN", async () => {
  const created = (await ecs(A).send(new CreateClusterCommand({ clusterName: "lab" }))).cluster!;
  assert.equal(created.clusterArn, `arn:aws:ecs:us-east-1:${A.accountId}:cluster/lab`);
  assert.deepEqual((await ecs(B).send(new ListClustersCommand({}))).clusterArns, []);
  const described = await ecs(B).send(new DescribeClustersCommand({ clusters: [created.clusterArn!] }));
  assert.deepEqual(described.clusters, []);
  assert.equal(described.failures?.[0]?.reason, "MISSING");
  await assert.rejects(ecs(B).send(new DeleteClusterCommand({ cluster: created.clusterArn! })), { name: "ClusterNotFoundException" });
  await assert.rejects(ecs(B).send(new TagResourceCommand({ resourceArn: created.clusterArn!, tags: [{ key: "owner", value: "b" }] })), { name: "ResourceNotFoundException" });

  // The same name in the other account is another cluster.
  const own = (await ecs(B).send(new CreateClusterCommand({ clusterName: "lab" }))).cluster!;
  assert.equal(own.clusterArn, `arn:aws:ecs:us-east-1:${B.accountId}:cluster/lab`);
  assert.equal((await ecs(A).send(new DescribeClustersCommand({ clusters: ["lab"] }))).clusters![0]!.clusterArn, created.clusterArn);

  const def = { family: "web", containerDefinitions: [{ name: "web", image: "x", memory: 64 }] };
  const registered = (await ecs(A).send(new RegisterTaskDefinitionCommand(def))).taskDefinition!;
  assert.equal(registered.taskDefinitionArn, `arn:aws:ecs:us-east-1:${A.accountId}:task-definition/web:1`);
  assert.deepEqual((await ecs(B).send(new ListTaskDefinitionsCommand({}))).taskDefinitionArns, []);
  await assert.rejects(ecs(B).send(new DescribeTaskDefinitionCommand({ taskDefinition: registered.taskDefinitionArn! })), { name: "ClientException" });
  // Revisions count per account.
  assert.equal((await ecs(B).send(new RegisterTaskDefinitionCommand(def))).taskDefinition!.revision, 1);

  await autoscaling(A).send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "lc", ImageId: "ami-1", InstanceType: "t3.micro" }));
  assert.deepEqual((await autoscaling(B).send(new DescribeLaunchConfigurationsCommand({}))).LaunchConfigurations, []);
  await autoscaling(B).send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "lc", ImageId: "ami-2", InstanceType: "t3.micro" }));
  const [lcA] = (await autoscaling(A).send(new DescribeLaunchConfigurationsCommand({}))).LaunchConfigurations!;
  assert.equal(lcA!.ImageId, "ami-1");
});

test("sts get-caller-identity names the caller's account and principal (AWS CLI v2)", async () => {
  const { execFile } = await import("node:child_process");
  const { promisify } = await import("node:util");
  const { stdout } = await promisify(execFile)("/usr/bin/aws", ["--endpoint-url", t.server.url, "--output", "json", "sts", "get-caller-identity"], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: B.accessKeyId, AWS_SECRET_ACCESS_KEY: B.secretAccessKey, AWS_DEFAULT_REGION: "us-east-1", AWS_PAGER: "" },
  });
  const identity = JSON.parse(stdout);
  assert.equal(identity.Account, B.accountId);
  assert.equal(identity.Arn, `arn:aws:iam::${B.accountId}:user/student`);
  assert.match(identity.UserId, /^AIDA[0-9A-F]{17}$/);
});
