/**
 * ECR Public: a public repository with catalog data, pushed to under the registry's alias at
 * public.ecr.localhost after `aws ecr-public get-login-password | docker login`, pulled by a Docker
 * CLI that never logged in (anonymous pulls, as on public.ecr.aws); anonymous pushes and pushes with
 * another account's token are refused.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { after, before, test } from "node:test";
import { credentials, startTestServer, type TestServer } from "./support/test-server.ts";
import { awsCli } from "./support/aws-cli.ts";
import { dockerCli, type DockerCli } from "./support/docker-cli.ts";
import { registryClient } from "./support/registry-client.ts";

let t: TestServer;
let publisher: DockerCli;
let stranger: DockerCli;
before(async () => {
  t = await startTestServer("127.64");
  publisher = dockerCli();
  stranger = dockerCli();
});
after(async () => {
  await publisher?.cleanup();
  await stranger?.cleanup();
  await t?.close();
});

const aws = awsCli(() => t);

test("a public repository: catalog data, push after ecr-public login, anonymous pull, no anonymous or foreign push", { timeout: 180_000 }, async () => {
  const created = await aws("ecr-public", "create-repository", "--repository-name", "tools/hello", "--catalog-data", "description=Hello from a lab,architectures=x86-64,operatingSystems=Linux");
  const [registry] = (await aws("ecr-public", "describe-registries")).registries;
  const alias = registry.aliases[0].name;
  assert.match(alias, /^[a-z0-9]{8}$/);
  assert.equal(registry.registryUri, `${t.server.ctx.ecr.publicAddress}/${alias}`);
  assert.equal(created.repository.repositoryUri, `${t.server.ctx.ecr.publicAddress}/${alias}/tools/hello`);
  assert.equal(created.repository.repositoryArn, `arn:aws:ecr-public::${t.config.accountId}:repository/tools/hello`);
  assert.deepEqual((await aws("ecr-public", "get-repository-catalog-data", "--repository-name", "tools/hello")).catalogData, {
    description: "Hello from a lab", architectures: ["x86-64"], operatingSystems: ["Linux"], marketplaceCertified: false,
  });

  const { stdout: password } = await promisify(execFile)("/usr/bin/aws", ["--endpoint-url", t.server.url, "ecr-public", "get-login-password", "--region", "us-east-1"], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey },
  });
  await publisher.ok(["login", "--username", "AWS", "--password-stdin", t.server.ctx.ecr.publicAddress], password);
  const image = `${created.repository.repositoryUri}:v1`;
  await publisher.build(image, 1 << 20);
  await publisher.ok(["push", image]);
  const [detail] = (await aws("ecr-public", "describe-images", "--repository-name", "tools/hello")).imageDetails;
  assert.deepEqual(detail.imageTags, ["v1"]);

  // Anyone pulls, without logging in.
  await publisher.ok(["rmi", image]);
  await stranger.ok(["pull", image]);
  // Nobody else pushes.
  await stranger.ok(["tag", image, `${created.repository.repositoryUri}:v2`]);
  const anonymous = await stranger.run(["push", `${created.repository.repositoryUri}:v2`]);
  assert.notEqual(anonymous.code, 0);
  assert.match(anonymous.stderr, /unauthorized/);
  const foreign = registryClient(() => ({
    host: t.config.host,
    port: t.server.ctx.ecr.port,
    address: t.server.ctx.ecr.publicAddress,
    password: () => "",
  }));
  const token = t.server.ctx.ecr.tokens.issue("210987654321", "ecr-public").password;
  const refused = await foreign.request("POST", `/v2/${alias}/tools/hello/blobs/uploads/`, { anonymous: true, headers: { Authorization: `Bearer ${token}` } });
  assert.equal(refused.status, 403);
  assert.match(refused.json().errors[0].message, /^User: arn:aws:iam::210987654321:root is not authorized to perform: ecr-public:InitiateLayerUpload on resource: arn:aws:ecr-public::\d{12}:repository\/tools\/hello/);

  assert.match(await aws("ecr-public", "delete-repository", "--repository-name", "tools/hello").catch((e) => String(e.stderr)), /RepositoryNotEmptyException/);
  await aws("ecr-public", "delete-repository", "--repository-name", "tools/hello", "--force");
  assert.deepEqual((await aws("ecr-public", "describe-repositories")).repositories, []);
});
