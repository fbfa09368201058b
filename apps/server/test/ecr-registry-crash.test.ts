/**
 * A registry killed in the middle of a push (SIGKILL of the server process, a layer half uploaded)
 * comes back with no half image: no tag, no manifest, no upload left, every blob file on disk one the
 * registry knows; the same push then succeeds, and the image pulls.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { freePort, startServerProcess, type Program } from "./support/child-processes.ts";
import { credentials } from "./support/test-server.ts";
import { dockerCli, loginWithAwsCli, type DockerCli } from "./support/docker-cli.ts";
import { registryClient } from "./support/registry-client.ts";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stevedore-ecr-crash-"));
const accountId = String(100_000_000_000 + Math.floor(Math.random() * 899_999_999_999));
let env: Record<string, string>;
let server: (Program & { url: string }) | undefined;
let docker: DockerCli;
let registryPort: number;

const registry = () => `${accountId}.dkr.ecr.us-east-1.localhost:${registryPort}`;
const aws = async (...args: string[]) => {
  const { stdout } = await promisify(execFile)("/usr/bin/aws", ["--endpoint-url", server!.url, "--output", "json", ...args], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_DEFAULT_REGION: "us-east-1", AWS_PAGER: "" },
  });
  return stdout.trim() ? JSON.parse(stdout) : undefined;
};
let password = "";
const reg = registryClient(() => ({ host: "127.0.0.1", port: registryPort, address: registry(), password: () => password }));

before(async () => {
  registryPort = await freePort();
  env = {
    STEVEDORE_PORT: String(await freePort()),
    STEVEDORE_REGISTRY_PORT: String(registryPort),
    STEVEDORE_DATA_DIR: dataDir,
    STEVEDORE_INSTANCE_NETWORK: "127.62",
    STEVEDORE_ACCOUNT_ID: accountId,
  };
  server = await startServerProcess(env);
  docker = dockerCli();
});

after(async () => {
  await server?.stop("SIGTERM");
  await docker?.cleanup();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("a registry killed mid-push comes back with no half image, and the push then succeeds", { timeout: 300_000 }, async () => {
  await aws("ecr", "create-repository", "--repository-name", "crash/app");
  assert.equal((await loginWithAwsCli(docker, server!.url, registry())).code, 0);
  const image = `${registry()}/crash/app:v1`;
  await docker.build(image, 96 << 20);

  const uploads = path.join(dataDir, "ecr", "uploads");
  const push = docker.spawn(["push", image]);
  const arriving = () => fs.existsSync(uploads) && fs.readdirSync(uploads).some((f) => fs.statSync(path.join(uploads, f)).size > 1 << 20);
  for (let i = 0; i < 12_000 && !arriving(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(arriving(), "a layer upload is under way");
  await server!.stop("SIGKILL");
  assert.notEqual((await push.done).code, 0);

  server = await startServerProcess(env);
  password = (await promisify(execFile)("/usr/bin/aws", ["--endpoint-url", server.url, "ecr", "get-login-password"], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_DEFAULT_REGION: "us-east-1" },
  })).stdout.trim();
  assert.deepEqual((await reg.request("GET", "/v2/crash/app/tags/list")).json(), { name: "crash/app", tags: [] });
  assert.equal((await reg.request("GET", "/v2/crash/app/manifests/v1")).status, 404);
  assert.deepEqual(fs.readdirSync(uploads), [], "no upload survives a restart");
  const blobs = path.join(dataDir, "ecr", accountId, "blobs", "sha256");
  for (const shard of fs.existsSync(blobs) ? fs.readdirSync(blobs) : []) {
    for (const hex of fs.readdirSync(path.join(blobs, shard))) {
      assert.equal((await reg.request("HEAD", `/v2/crash/app/blobs/sha256:${hex}`)).status, 200, `blob ${hex} on disk is one the registry knows`);
    }
  }

  await docker.ok(["push", image]);
  await docker.ok(["rmi", image]);
  await docker.ok(["pull", image]);
  assert.deepEqual((await reg.request("GET", "/v2/crash/app/tags/list")).json().tags, ["v1"]);
});
