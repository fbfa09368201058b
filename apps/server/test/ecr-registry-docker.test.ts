/**
 * The registry as the Docker CLI uses it, with the Docker Engine's default configuration: login with
 * the AWS CLI's password, push, pull by tag and by digest, immutable tags, deletion (and the disk it
 * gives back), a push to a repository that does not exist, and a push cut off halfway.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { startTestServer, waitFor, type TestServer } from "./support/test-server.ts";
import { awsCli } from "./support/aws-cli.ts";
import { dockerCli, loginWithAwsCli, type DockerCli } from "./support/docker-cli.ts";
import { registryClient, testServerRegistry } from "./support/registry-client.ts";
import { UPLOAD_IDLE_MS } from "../src/ecr/registry/uploads.ts";

let t: TestServer;
let docker: DockerCli;
before(async () => {
  t = await startTestServer("127.61");
  docker = dockerCli();
});
after(async () => {
  await docker?.cleanup();
  await t?.close();
});

const aws = awsCli(() => t);
const reg = registryClient(testServerRegistry(() => t));
const registry = () => t.server.ctx.ecr.privateAddress(t.config.accountId);
const blobFiles = () => {
  const walk = (dir: string): string[] =>
    fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [e.name])) : [];
  return walk(path.join(t.config.dataDir, "ecr", t.config.accountId, "blobs"));
};
const layersOf = async (image: string) => JSON.parse(await docker.ok(["image", "inspect", "--format", "{{json .RootFS.Layers}}", image])) as string[];

test("docker login with the AWS CLI's password; a wrong password is refused", async () => {
  const login = await loginWithAwsCli(docker, t.server.url, registry());
  assert.equal(login.code, 0, login.stderr);
  assert.match(login.stdout, /Login Succeeded/);
  const wrong = await docker.run(["login", "--username", "AWS", "--password-stdin", registry()], "not-a-token");
  assert.notEqual(wrong.code, 0);
  assert.match(wrong.stderr, /401 Unauthorized/);
  assert.equal((await loginWithAwsCli(docker, t.server.url, registry())).code, 0);
});

test("a push to a repository that does not exist fails with ECR's name unknown", async () => {
  await docker.build(`${registry()}/ghost:1`, 1024);
  const push = await docker.run(["push", `${registry()}/ghost:1`]);
  assert.notEqual(push.code, 0);
  assert.match(push.stderr, new RegExp(`name unknown: The repository with name 'ghost' does not exist in the registry with id '${t.config.accountId}'`));
});

test("push, then pull by tag and by digest: the same layers come back", async () => {
  const { repository } = await aws("ecr", "create-repository", "--repository-name", "team/web");
  assert.equal(repository.repositoryUri, `${registry()}/team/web`);
  const image = `${repository.repositoryUri}:v1`;
  await docker.build(image, 3 << 20);
  const layers = await layersOf(image);
  const pushed = await docker.ok(["push", image]);
  const digest = /digest: (sha256:[a-f0-9]{64})/.exec(pushed)?.[1];
  assert.ok(digest, pushed);
  await docker.ok(["rmi", image]);
  await docker.ok(["pull", image]);
  assert.deepEqual(await layersOf(image), layers);
  await docker.ok(["rmi", image]);
  const byDigest = `${repository.repositoryUri}@${digest}`;
  await docker.ok(["pull", byDigest]);
  assert.deepEqual(await layersOf(byDigest), layers);
  const payload = await docker.ok(["run", "--rm", "--label", "stevedore.test=ecr", byDigest, "sh", "-c", "wc -c < /payload"]);
  assert.equal(payload.trim(), String(3 << 20));
});

test("an immutable repository refuses to move a tag, in ECR's words", async () => {
  const { repository } = await aws("ecr", "create-repository", "--repository-name", "fixed", "--image-tag-mutability", "IMMUTABLE");
  await docker.build(`${repository.repositoryUri}:v1`, 1024);
  await docker.ok(["push", `${repository.repositoryUri}:v1`]);
  await docker.build(`${repository.repositoryUri}:v1`, 2048);
  const again = await docker.run(["push", `${repository.repositoryUri}:v1`]);
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, /tag invalid: The image tag 'v1' already exists in the 'fixed' repository and cannot be overwritten because the repository is immutable\./);
  await docker.ok(["tag", `${repository.repositoryUri}:v1`, `${repository.repositoryUri}:v2`]);
  await docker.ok(["push", `${repository.repositoryUri}:v2`]);
});

test("a deleted image cannot be pulled, and its layers leave the disk", async () => {
  const { repository } = await aws("ecr", "create-repository", "--repository-name", "short-lived");
  const image = `${repository.repositoryUri}:v1`;
  await docker.build(image, 2 << 20);
  const digest = /digest: (sha256:[a-f0-9]{64})/.exec(await docker.ok(["push", image]))![1]!;
  const withImage = blobFiles().length;
  assert.equal((await reg.request("DELETE", `/v2/short-lived/manifests/${digest}`)).status, 202);
  // The collection as it runs once the grace after the blobs' last use has passed.
  await t.server.ctx.ecr.gc.sweep(Date.now() + t.config.registryBlobGraceMs + 1000);
  assert.ok(blobFiles().length < withImage, "blob files were removed");
  await docker.ok(["rmi", image]);
  const pull = await docker.run(["pull", image]);
  assert.notEqual(pull.code, 0);
  assert.match(pull.stderr, /manifest unknown: Requested image not found/);
});

test("a push cut off halfway leaves no image and no upload; pushing again works", async () => {
  const { repository } = await aws("ecr", "create-repository", "--repository-name", "cut");
  const image = `${repository.repositoryUri}:v1`;
  await docker.build(image, 96 << 20);
  const uploads = path.join(t.config.dataDir, "ecr", "uploads");
  const push = docker.spawn(["push", image]);
  // Once the layer's bytes are arriving, the client goes away: dockerd cancels the push mid-stream.
  const arriving = () => fs.readdirSync(uploads).some((f) => fs.statSync(path.join(uploads, f)).size > 0);
  for (let i = 0; i < 12_000 && !arriving(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(arriving(), "a layer upload is under way");
  push.kill("SIGKILL");
  assert.notEqual((await push.done).code, 0, "the push did not finish");
  await waitFor("the cut upload to be discarded", async () => !arriving(), 30_000);
  assert.deepEqual((await reg.request("GET", "/v2/cut/tags/list")).json().tags, []);
  await docker.ok(["push", image]);
  assert.deepEqual((await reg.request("GET", "/v2/cut/tags/list")).json().tags, ["v1"]);
  // Uploads abandoned before their first byte go when they expire.
  await t.server.ctx.ecr.gc.sweep(Date.now() + UPLOAD_IDLE_MS + 1);
  assert.deepEqual(fs.readdirSync(uploads), []);
});
