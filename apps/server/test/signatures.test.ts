/**
 * Signature Version 4 when the server requires it: the AWS CLI v2, the SDK v3 and boto3 with the
 * operator's keys work; unknown keys, wrong secrets, expired, tampered and missing signatures get
 * AWS's error for each protocol (JSON: ECS, Logs; Query: Auto Scaling, CloudWatch; EC2).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { after, before, test } from "node:test";
import { ECSClient, ListClustersCommand } from "@aws-sdk/client-ecs";
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from "@aws-sdk/client-auto-scaling";
import { credentials, startTestServer, type TestServer } from "./support/test-server.ts";
import { ECS_JSON, FORM, rawRequest, signedHeaders } from "./support/raw-http.ts";

let t: TestServer;
before(async () => {
  t = await startTestServer("127.87", { signed: true, embeddedAgents: false });
});
after(async () => {
  await t?.close();
});

const run = promisify(execFile);

async function cli(keys: { accessKeyId: string; secretAccessKey: string }, ...args: string[]): Promise<{ ok: boolean; out: string }> {
  try {
    const { stdout } = await run("/usr/bin/aws", ["--endpoint-url", t.server.url, "--output", "json", ...args], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey, AWS_DEFAULT_REGION: "us-east-1", AWS_PAGER: "" },
    });
    return { ok: true, out: stdout };
  } catch (err) {
    return { ok: false, out: String((err as { stderr?: string }).stderr ?? err) };
  }
}

const CALLS = {
  ecs: ["ecs", "list-clusters"],
  logs: ["logs", "describe-log-groups"],
  autoscaling: ["autoscaling", "describe-auto-scaling-groups"],
  cloudwatch: ["cloudwatch", "list-metrics", "--namespace", "AWS/ECS"],
  ec2: ["ec2", "describe-vpcs"],
};

test("the AWS CLI v2 signed with the operator's keys is served, in every protocol", async () => {
  for (const [name, args] of Object.entries(CALLS)) {
    const r = await cli(credentials, ...args);
    assert.ok(r.ok, `${name}: ${r.out}`);
  }
});

test("an unknown access key: UnrecognizedClientException (JSON), InvalidClientTokenId (Query), AuthFailure (EC2)", async () => {
  const stranger = { accessKeyId: "AKIAUNKNOWNKEY00001", secretAccessKey: "whatever-secret-key" };
  const expected = { ecs: "UnrecognizedClientException", logs: "UnrecognizedClientException", autoscaling: "InvalidClientTokenId", cloudwatch: "InvalidClientTokenId", ec2: "AuthFailure" };
  for (const [name, args] of Object.entries(CALLS)) {
    const r = await cli(stranger, ...args);
    assert.ok(!r.ok, name);
    assert.match(r.out, new RegExp(`\\(${expected[name as keyof typeof expected]}\\)`), name);
  }
});

test("a wrong secret: InvalidSignatureException (JSON), SignatureDoesNotMatch (Query), AuthFailure (EC2)", async () => {
  const wrong = { accessKeyId: credentials.accessKeyId, secretAccessKey: "not-the-right-secret" };
  const expected = { ecs: "InvalidSignatureException", logs: "InvalidSignatureException", autoscaling: "SignatureDoesNotMatch", cloudwatch: "SignatureDoesNotMatch", ec2: "AuthFailure" };
  for (const [name, args] of Object.entries(CALLS)) {
    const r = await cli(wrong, ...args);
    assert.ok(!r.ok, name);
    assert.match(r.out, new RegExp(`\\(${expected[name as keyof typeof expected]}\\)`), name);
  }
});

test("the SDK v3: good keys work, a wrong secret and an unknown key are refused by name", async () => {
  const endpoint = t.server.url;
  assert.ok(Array.isArray((await new ECSClient({ endpoint, region: "us-east-1", credentials }).send(new ListClustersCommand({}))).clusterArns));
  await assert.rejects(new ECSClient({ endpoint, region: "us-east-1", credentials: { ...credentials, secretAccessKey: "wrong-secret-0000" } }).send(new ListClustersCommand({})), { name: "InvalidSignatureException" });
  await assert.rejects(
    new AutoScalingClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "AKIAUNKNOWNKEY00002", secretAccessKey: "x".repeat(20) } }).send(new DescribeAutoScalingGroupsCommand({})),
    { name: "InvalidClientTokenId" },
  );
});

test("boto3: good keys work, a wrong secret gets InvalidSignatureException", async () => {
  const script = path.join(t.config.dataDir, "boto.py");
  fs.writeFileSync(
    script,
    [
      "import sys, boto3, botocore",
      "def ecs(secret): return boto3.client('ecs', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id=sys.argv[2], aws_secret_access_key=secret)",
      "print('clusters', len(ecs(sys.argv[3]).list_clusters()['clusterArns']))",
      "try:",
      "    ecs('wrong-secret-0000').list_clusters()",
      "except botocore.exceptions.ClientError as e:",
      "    print('refused', e.response['Error']['Code'])",
    ].join("\n"),
  );
  const { stdout } = await run("python3", [script, t.server.url, credentials.accessKeyId, credentials.secretAccessKey]);
  assert.match(stdout, /^clusters 0$/m);
  assert.match(stdout, /^refused InvalidSignatureException$/m);
});

test("a signature older than 15 minutes has expired; a tampered body no longer matches", async () => {
  const body = "{}";
  const old = new Date(Date.now() - 20 * 60 * 1000);
  const expired = await signedHeaders(t.server.url, { service: "ecs", body, headers: ECS_JSON("ListClusters"), ...credentials, signingDate: old });
  const r = await rawRequest(t.server.url, { headers: expired, body });
  assert.equal(r.status, 400);
  assert.equal(JSON.parse(r.body).__type, "InvalidSignatureException");
  assert.match(JSON.parse(r.body).message, /^Signature expired: \d{8}T\d{6}Z is now earlier than/);

  const form = "Action=DescribeAutoScalingGroups&Version=2011-01-01";
  const q = await rawRequest(t.server.url, { headers: await signedHeaders(t.server.url, { service: "autoscaling", body: form, headers: FORM, ...credentials, signingDate: old }), body: form });
  assert.equal(q.status, 403);
  assert.match(q.body, /<Code>SignatureDoesNotMatch<\/Code><Message>Signature expired/);

  const signed = await signedHeaders(t.server.url, { service: "ecs", body: '{"clusterName":"a"}', headers: ECS_JSON("CreateCluster"), ...credentials });
  const tampered = await rawRequest(t.server.url, { headers: signed, body: '{"clusterName":"b"}' });
  assert.equal(JSON.parse(tampered.body).__type, "InvalidSignatureException");
  assert.deepEqual((await new ECSClient({ endpoint: t.server.url, region: "us-east-1", credentials }).send(new ListClustersCommand({}))).clusterArns, []);
});

test("no signature at all: MissingAuthenticationTokenException (JSON), MissingAuthenticationToken (Query), AuthFailure (EC2)", async () => {
  const json = await rawRequest(t.server.url, { headers: ECS_JSON("ListClusters"), body: "{}" });
  assert.equal(json.status, 400);
  assert.equal(JSON.parse(json.body).__type, "MissingAuthenticationTokenException");
  const query = await rawRequest(t.server.url, { headers: FORM, body: "Action=DescribeAutoScalingGroups&Version=2011-01-01" });
  assert.equal(query.status, 403);
  assert.match(query.body, /<Code>MissingAuthenticationToken<\/Code>/);
  const ec2 = await rawRequest(t.server.url, { headers: FORM, body: "Action=DescribeVpcs&Version=2016-11-15" });
  assert.equal(ec2.status, 401);
  assert.match(ec2.body, /<Response><Errors><Error><Code>AuthFailure<\/Code>/);
});

test("the console signs in with a key pair: an HttpOnly session cookie, API calls by cookie, sign-out ends it", async () => {
  const session = (method: string, body?: object, cookie?: string) =>
    rawRequest(t.server.url, {
      method,
      path: "/stevedore/v1/session",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  assert.deepEqual(JSON.parse((await session("GET")).body), { mode: "signed", signedIn: false, region: "us-east-1" });
  const wrong = await session("POST", { accessKeyId: credentials.accessKeyId, secretAccessKey: "wrong" });
  assert.equal(wrong.status, 403);
  assert.equal(wrong.headers["set-cookie"], undefined);

  const ok = await session("POST", credentials);
  assert.equal(ok.status, 200);
  const setCookie = String(ok.headers["set-cookie"]);
  assert.match(setCookie, /^stevedore_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
  assert.ok(!setCookie.includes(credentials.secretAccessKey));
  const cookie = setCookie.split(";")[0]!;
  assert.equal(JSON.parse(ok.body).principalArn, `arn:aws:iam::${t.config.accountId}:user/admin`);

  const call = () => rawRequest(t.server.url, { headers: { ...ECS_JSON("ListClusters"), cookie }, body: "{}" });
  assert.equal((await call()).status, 200);
  await session("DELETE", undefined, cookie);
  assert.equal(JSON.parse((await call()).body).__type, "MissingAuthenticationTokenException");
});

test("a second account makes signatures required, even on loopback without the switch", async () => {
  const keysFile = path.join(t.config.dataDir, "two-accounts.json");
  fs.writeFileSync(
    keysFile,
    JSON.stringify({ accounts: [{ accountId: "111111111111", name: "a", keys: [] }, { accountId: "222222222222", name: "b", keys: [] }] }),
  );
  const other = await startTestServer("127.88", { embeddedAgents: false, keysFile });
  try {
    const r = await rawRequest(other.server.url, { headers: ECS_JSON("ListClusters"), body: "{}" });
    assert.equal(JSON.parse(r.body).__type, "MissingAuthenticationTokenException");
  } finally {
    await other.close();
  }
});
