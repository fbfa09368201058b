/**
 * IAM as tutorials use it, with the AWS CLI v2 and the SDK: roles with trust policies, the AWS managed
 * policies they attach, inline policies, instance profiles, the waiters, IAM's errors, and ECS refusing
 * a task whose roles do not exist.
 */
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { after, before, test } from "node:test";
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListPoliciesCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  DeleteRolePolicyCommand,
  waitUntilRoleExists,
} from "@aws-sdk/client-iam";
import { CreateClusterCommand, RegisterTaskDefinitionCommand, RunTaskCommand } from "@aws-sdk/client-ecs";
import { defaultSubnets } from "@stevedore/shared";
import { credentials, startTestServer, type TestServer } from "./support/test-server.ts";
import { awsCli } from "./support/aws-cli.ts";

let t: TestServer;
let iam: IAMClient;
before(async () => {
  t = await startTestServer("127.110");
  iam = new IAMClient({ endpoint: t.server.url, region: "us-east-1", credentials });
});
after(async () => {
  await t?.close();
});

const aws = awsCli(() => t);
const env = () => ({ ...process.env, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_DEFAULT_REGION: "us-east-1", AWS_PAGER: "" });
/** The CLI's stderr when a command fails. */
async function awsError(...args: string[]): Promise<string> {
  try {
    await promisify(execFile)("/usr/bin/aws", ["--endpoint-url", t.server.url, ...args], { env: env() });
  } catch (err) {
    return String((err as { stderr?: string }).stderr);
  }
  throw new Error(`aws ${args.join(" ")} succeeded`);
}
/** Starts `aws ... wait ...` and resolves with its exit code. */
function awsWait(...args: string[]): Promise<number | null> {
  const child = spawn("/usr/bin/aws", ["--endpoint-url", t.server.url, ...args], { env: env(), stdio: "ignore" });
  return new Promise((resolve) => child.on("exit", resolve));
}

const trust = (service: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] });
const file = (name: string, text: string) => {
  const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "iam-")), name);
  fs.writeFileSync(p, text);
  return `file://${p}`;
};

test("the EC2 tutorial's ecsInstanceRole: role, AWS managed policy, instance profile, and the waiters", async () => {
  assert.match(await awsError("iam", "get-role", "--role-name", "ecsInstanceRole"), /NoSuchEntity.*The role with name ecsInstanceRole cannot be found/);
  // The waiters poll until the role and the profile exist.
  const roleWaiter = awsWait("iam", "wait", "role-exists", "--role-name", "ecsInstanceRole");
  const profileWaiter = awsWait("iam", "wait", "instance-profile-exists", "--instance-profile-name", "ecsInstanceRole");
  const created = await aws("iam", "create-role", "--role-name", "ecsInstanceRole", "--assume-role-policy-document", file("trust.json", trust("ec2.amazonaws.com")));
  assert.equal(created.Role.Arn, `arn:aws:iam::${t.config.accountId}:role/ecsInstanceRole`);
  assert.match(created.Role.RoleId, /^AROA[A-Z2-7]{17}$/);
  // The CLI decodes the URL-encoded document IAM returns.
  assert.equal(created.Role.AssumeRolePolicyDocument.Statement[0].Principal.Service, "ec2.amazonaws.com");
  await aws("iam", "attach-role-policy", "--role-name", "ecsInstanceRole", "--policy-arn", "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role");
  const profile = await aws("iam", "create-instance-profile", "--instance-profile-name", "ecsInstanceRole");
  assert.equal(profile.InstanceProfile.Arn, `arn:aws:iam::${t.config.accountId}:instance-profile/ecsInstanceRole`);
  assert.deepEqual(profile.InstanceProfile.Roles, []);
  await aws("iam", "add-role-to-instance-profile", "--instance-profile-name", "ecsInstanceRole", "--role-name", "ecsInstanceRole");
  assert.equal(await roleWaiter, 0);
  assert.equal(await profileWaiter, 0);

  const got = await aws("iam", "get-instance-profile", "--instance-profile-name", "ecsInstanceRole");
  assert.equal(got.InstanceProfile.Roles[0].RoleName, "ecsInstanceRole");
  const attached = await aws("iam", "list-attached-role-policies", "--role-name", "ecsInstanceRole");
  assert.deepEqual(attached.AttachedPolicies, [{ PolicyName: "AmazonEC2ContainerServiceforEC2Role", PolicyArn: "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role" }]);
  assert.equal((await aws("iam", "list-instance-profiles-for-role", "--role-name", "ecsInstanceRole")).InstanceProfiles.length, 1);

  // IAM's conflicts, in its words.
  assert.match(await awsError("iam", "create-role", "--role-name", "ECSINSTANCEROLE", "--assume-role-policy-document", trust("ec2.amazonaws.com")), /EntityAlreadyExists.*Role with name ECSINSTANCEROLE already exists/);
  assert.match(await awsError("iam", "delete-role", "--role-name", "ecsInstanceRole"), /DeleteConflict.*must detach all policies first/);
  await aws("iam", "detach-role-policy", "--role-name", "ecsInstanceRole", "--policy-arn", "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role");
  assert.match(await awsError("iam", "delete-role", "--role-name", "ecsInstanceRole"), /DeleteConflict.*must remove roles from instance profile first/);
  assert.match(await awsError("iam", "add-role-to-instance-profile", "--instance-profile-name", "ecsInstanceRole", "--role-name", "ecsInstanceRole"), /EntityAlreadyExists/);
  await aws("iam", "remove-role-from-instance-profile", "--instance-profile-name", "ecsInstanceRole", "--role-name", "ecsInstanceRole");
  await aws("iam", "delete-instance-profile", "--instance-profile-name", "ecsInstanceRole");
  await aws("iam", "delete-role", "--role-name", "ecsInstanceRole");
  assert.match(await awsError("iam", "attach-role-policy", "--role-name", "nobody", "--policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess"), /NoSuchEntity/);
  assert.match(await awsError("iam", "create-role", "--role-name", "bad", "--assume-role-policy-document", "{not json"), /MalformedPolicyDocument.*invalid Json/);
});

test("the Fargate tutorial's ecsTaskExecutionRole with tags, and ECS refusing a task whose execution role does not exist", async () => {
  await t.ecs.send(new CreateClusterCommand({ clusterName: "roles", capacityProviders: ["FARGATE"] }));
  const executionRoleArn = `arn:aws:iam::${t.config.accountId}:role/ecsTaskExecutionRole`;
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: "needs-role",
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      cpu: "256",
      memory: "512",
      executionRoleArn,
      containerDefinitions: [{ name: "web", image: "stevedore/sample-web:latest", logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/roles", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs" } } }],
    }),
  );
  const run = () =>
    t.ecs.send(new RunTaskCommand({ cluster: "roles", taskDefinition: "needs-role", launchType: "FARGATE", networkConfiguration: { awsvpcConfiguration: { subnets: [defaultSubnets("us-east-1")[0]!.subnetId] } } }));
  await assert.rejects(run(), (err: Error) => err.name === "ClientException" && err.message.startsWith(`ECS was unable to assume the role '${executionRoleArn}'`));

  await aws("iam", "create-role", "--role-name", "ecsTaskExecutionRole", "--assume-role-policy-document", file("trust.json", trust("ecs-tasks.amazonaws.com")));
  await aws("iam", "tag-role", "--role-name", "ecsTaskExecutionRole", "--tags", "Key=project,Value=doc-smith", "Key=tutorial,Value=fargate");
  await aws("iam", "attach-role-policy", "--role-name", "ecsTaskExecutionRole", "--policy-arn", "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
  assert.deepEqual((await aws("iam", "list-role-tags", "--role-name", "ecsTaskExecutionRole")).Tags.map((x: { Key: string }) => x.Key), ["project", "tutorial"]);
  const { tasks, failures } = await run();
  assert.deepEqual(failures, []);
  assert.equal(tasks!.length, 1);
});

test("the SDK: roles, customer managed and AWS managed policies, inline policies, the role-exists waiter", async () => {
  const waiting = waitUntilRoleExists({ client: iam, maxWaitTime: 30 }, { RoleName: "app-task-role" });
  const { Role } = await iam.send(new CreateRoleCommand({ RoleName: "app-task-role", Path: "/app/", AssumeRolePolicyDocument: trust("ecs-tasks.amazonaws.com"), Description: "the app's task role", Tags: [{ Key: "team", Value: "blue" }] }));
  assert.equal((await waiting).state, "SUCCESS");
  assert.equal(Role!.Arn, `arn:aws:iam::${t.config.accountId}:role/app/app-task-role`);
  const got = (await iam.send(new GetRoleCommand({ RoleName: "app-task-role" }))).Role!;
  assert.equal(JSON.parse(decodeURIComponent(got.AssumeRolePolicyDocument!)).Statement[0].Principal.Service, "ecs-tasks.amazonaws.com");
  assert.deepEqual(got.Tags, [{ Key: "team", Value: "blue" }]);
  assert.ok((await iam.send(new ListRolesCommand({ PathPrefix: "/app/" }))).Roles!.some((r) => r.RoleName === "app-task-role"));

  const document = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" }] });
  const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: "read-objects", PolicyDocument: document }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: "app-task-role", PolicyArn: Policy!.Arn! }));
  assert.equal((await iam.send(new GetPolicyCommand({ PolicyArn: Policy!.Arn! }))).Policy!.AttachmentCount, 1);
  await assert.rejects(iam.send(new DeletePolicyCommand({ PolicyArn: Policy!.Arn! })), { name: "DeleteConflictException" });
  await iam.send(new DetachRolePolicyCommand({ RoleName: "app-task-role", PolicyArn: Policy!.Arn! }));
  await iam.send(new DeletePolicyCommand({ PolicyArn: Policy!.Arn! }));

  const managed = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
  const version = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: managed, VersionId: "v1" }))).PolicyVersion!;
  assert.ok(JSON.parse(decodeURIComponent(version.Document!)).Statement[0].Action.includes("ecr:GetAuthorizationToken"));
  const aws = (await iam.send(new ListPoliciesCommand({ Scope: "AWS", MaxItems: 1000 }))).Policies!.map((p) => p.PolicyName);
  for (const name of ["AmazonECSTaskExecutionRolePolicy", "AmazonEC2ContainerServiceforEC2Role", "AmazonEC2ContainerRegistryReadOnly", "CloudWatchLogsFullAccess"]) assert.ok(aws.includes(name), name);

  await iam.send(new PutRolePolicyCommand({ RoleName: "app-task-role", PolicyName: "inline", PolicyDocument: document }));
  assert.equal(decodeURIComponent((await iam.send(new GetRolePolicyCommand({ RoleName: "app-task-role", PolicyName: "inline" }))).PolicyDocument!), document);
  await assert.rejects(iam.send(new DeleteRoleCommand({ RoleName: "app-task-role" })), { name: "DeleteConflictException" });
  await iam.send(new DeleteRolePolicyCommand({ RoleName: "app-task-role", PolicyName: "inline" }));
  await iam.send(new DeleteRoleCommand({ RoleName: "app-task-role" }));
  await assert.rejects(iam.send(new GetRoleCommand({ RoleName: "app-task-role" })), { name: "NoSuchEntityException" });
});
