/**
 * The registry's distribution API by hand, for what the Docker CLI never sends: OCI manifests and
 * indexes, chunked uploads, mounts, ranges, pagination, wrong digests, interrupted uploads, the
 * reclaiming of deleted images' blobs, and hostile input. Each request goes to the registry's own
 * listener with the Host it answers to.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { after, before, test } from "node:test";
import { startTestServer, type TestServer } from "./support/test-server.ts";
import { OCI_INDEX, OCI_MANIFEST, registryClient, sha256, testServerRegistry } from "./support/registry-client.ts";
import { createRepository, findRepository } from "../src/store/ecr-repositories.ts";
import { releaseUnusedLinks } from "../src/store/ecr-blobs.ts";

const MAX_LAYER = 1024 * 1024;
const GRACE_MS = 60_000;
/** A collection as it runs once the grace has passed. */
const collectAfterGrace = () => t.server.ctx.ecr.gc.sweep(Date.now() + GRACE_MS + 1000);
let t: TestServer;
before(async () => {
  t = await startTestServer("127.60", { registryMaxLayerBytes: MAX_LAYER, registryBlobGraceMs: GRACE_MS });
});
after(async () => {
  await t?.close();
});

const reg = registryClient(testServerRegistry(() => t));

async function repository(name: string, over: Parameters<typeof createRepository>[1] extends infer N ? Partial<N> : never = {}) {
  await createRepository(t.server.ctx.allAccounts, { accountId: t.config.accountId, region: t.config.region, registry: "private", name, ...over });
}

/** The files under the account's blob folder and under uploads. */
function filesOnDisk(): { blobs: string[]; uploads: string[] } {
  const root = path.join(t.config.dataDir, "ecr");
  const walk = (dir: string): string[] =>
    fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [e.name])) : [];
  return { blobs: walk(path.join(root, t.config.accountId, "blobs")), uploads: walk(path.join(root, "uploads")) };
}

const errorCode = (res: { json(): any }) => res.json().errors[0].code;
const uploadId = (started: { headers: http.IncomingHttpHeaders }) => String(started.headers.location).split("/").pop()!;

const pushImage = reg.pushImage;

test("GET /v2/ asks for Basic credentials, then answers with the distribution API version", async () => {
  const anonymous = await reg.request("GET", "/v2/", { anonymous: true });
  assert.equal(anonymous.status, 401);
  assert.match(String(anonymous.headers["www-authenticate"]), /^Basic realm="http:\/\/\d{12}\.dkr\.ecr\.us-east-1\.localhost:\d+\/"/);
  assert.equal(anonymous.headers["docker-distribution-api-version"], "registry/2.0");
  const ok = await reg.request("GET", "/v2/");
  assert.equal(ok.status, 200);
  assert.equal((await reg.request("GET", "/v2/", { headers: { Authorization: reg.basic("not-a-token") } })).status, 401);
});

test("an OCI image: chunked upload in order (416 out of order), manifest by tag and digest, HEAD, ranged reads", async () => {
  await repository("oci/app");
  const layer = Buffer.alloc(300_000, 7);
  const start = await reg.request("POST", "/v2/oci/app/blobs/uploads/");
  assert.equal(start.status, 202);
  assert.equal(start.headers.range, "0-0");
  const location = String(start.headers.location);
  assert.match(location, /^\/v2\/oci\/app\/blobs\/uploads\/[0-9a-f-]{36}$/);
  const chunk1 = await reg.request("PATCH", location, { body: layer.subarray(0, 100_000), headers: { "Content-Range": "0-99999" } });
  assert.equal(chunk1.status, 202);
  assert.equal(chunk1.headers.range, "0-99999");
  const outOfOrder = await reg.request("PATCH", location, { body: layer.subarray(200_000), headers: { "Content-Range": "200000-299999" } });
  assert.equal(outOfOrder.status, 416);
  assert.equal(outOfOrder.json().errors[0].message, "First byte of the layer part is 200000 instead of 100000");
  // The upload is still there and where it was.
  const status = await reg.request("GET", location);
  assert.equal(status.status, 204);
  assert.equal(status.headers.range, "0-99999");
  assert.equal((await reg.request("PATCH", location, { body: layer.subarray(100_000, 200_000), headers: { "Content-Range": "100000-199999" } })).status, 202);
  const done = await reg.request("PUT", `${location}?digest=${sha256(layer)}`, { body: layer.subarray(200_000), headers: { "Content-Range": "200000-299999" } });
  assert.equal(done.status, 201, done.body.toString());
  assert.equal(done.headers["docker-content-digest"], sha256(layer));

  const head = await reg.request("HEAD", `/v2/oci/app/blobs/${sha256(layer)}`);
  assert.equal(head.status, 200);
  assert.equal(head.headers["content-length"], "300000");
  const ranged = await reg.request("GET", `/v2/oci/app/blobs/${sha256(layer)}`, { headers: { Range: "bytes=1000-1999" } });
  assert.equal(ranged.status, 206);
  assert.equal(ranged.headers["content-range"], "bytes 1000-1999/300000");
  assert.deepEqual(ranged.body, layer.subarray(1000, 2000));
  assert.equal((await reg.request("GET", `/v2/oci/app/blobs/${sha256(layer)}`, { headers: { Range: "bytes=400000-" } })).status, 416);

  const config = Buffer.from('{"architecture":"amd64","os":"linux"}');
  const configDigest = await reg.pushBlob("oci/app", config);
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: configDigest, size: config.length }, layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: sha256(layer), size: layer.length }] }));
  const put = await reg.request("PUT", "/v2/oci/app/manifests/v1", { body: manifest, headers: { "Content-Type": OCI_MANIFEST } });
  assert.equal(put.status, 201);
  assert.equal(put.headers["docker-content-digest"], sha256(manifest));
  for (const ref of ["v1", sha256(manifest)]) {
    const got = await reg.request("GET", `/v2/oci/app/manifests/${ref}`, { headers: { Accept: OCI_MANIFEST } });
    assert.equal(got.status, 200);
    assert.equal(got.headers["content-type"], OCI_MANIFEST);
    assert.deepEqual(got.body, manifest, "the exact bytes pushed");
    const headed = await reg.request("HEAD", `/v2/oci/app/manifests/${ref}`);
    assert.equal(headed.headers["docker-content-digest"], sha256(manifest));
    assert.equal(headed.headers["content-length"], String(manifest.length));
  }
});

test("a manifest naming a blob the repository lacks is refused, and nothing is stored", async () => {
  await repository("sparse");
  const missing = sha256("never pushed");
  const manifest = JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: missing, size: 12 }, layers: [] });
  const res = await reg.request("PUT", "/v2/sparse/manifests/v1", { body: manifest, headers: { "Content-Type": OCI_MANIFEST } });
  assert.equal(res.status, 400);
  assert.equal(errorCode(res), "MANIFEST_BLOB_UNKNOWN");
  assert.equal(res.json().errors[0].detail.digest, missing);
  assert.equal((await reg.request("GET", "/v2/sparse/manifests/v1")).status, 404);
  assert.deepEqual((await reg.request("GET", "/v2/sparse/tags/list")).json(), { name: "sparse", tags: [] });
  // A blob of another repository is not this one's.
  await repository("other");
  const elsewhere = await reg.pushBlob("other", Buffer.from("config of another repository"));
  const borrowing = JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: elsewhere, size: 28 }, layers: [] });
  assert.equal(errorCode(await reg.request("PUT", "/v2/sparse/manifests/v1", { body: borrowing, headers: { "Content-Type": OCI_MANIFEST } })), "MANIFEST_BLOB_UNKNOWN");
});

test("an OCI index: its manifests must be there; a manifest an index names cannot be deleted before the index", async () => {
  await repository("multi");
  const amd64 = await pushImage("multi", "amd64", [Buffer.from("layer amd64")]);
  const index = (digests: string[]) => Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: digests.map((digest) => ({ mediaType: OCI_MANIFEST, digest, size: 500, platform: { architecture: "amd64", os: "linux" } })) }));
  const ghost = sha256("an arm64 manifest never pushed");
  const refused = await reg.request("PUT", "/v2/multi/manifests/latest", { body: index([amd64.digest, ghost]), headers: { "Content-Type": OCI_INDEX } });
  assert.equal(errorCode(refused), "MANIFEST_BLOB_UNKNOWN");
  assert.equal(refused.json().errors[0].detail.digest, ghost);
  const good = index([amd64.digest]);
  assert.equal((await reg.request("PUT", "/v2/multi/manifests/latest", { body: good, headers: { "Content-Type": OCI_INDEX } })).status, 201);
  assert.equal((await reg.request("GET", "/v2/multi/manifests/latest")).headers["content-type"], OCI_INDEX);
  const blocked = await reg.request("DELETE", `/v2/multi/manifests/${amd64.digest}`);
  assert.equal(blocked.status, 400);
  assert.equal(blocked.json().errors[0].message, `Requested image referenced by manifest list: [${amd64.digest}]`);
  assert.equal((await reg.request("DELETE", `/v2/multi/manifests/${sha256(good)}`)).status, 202);
  assert.equal((await reg.request("DELETE", `/v2/multi/manifests/${amd64.digest}`)).status, 202);
});

test("a wrong digest is DIGEST_INVALID and stores nothing; so does a manifest pushed by the wrong digest", async () => {
  await repository("digests");
  const before = filesOnDisk().blobs;
  const data = Buffer.from("the real content");
  const claimed = sha256("other content");
  const start = await reg.request("POST", "/v2/digests/blobs/uploads/");
  const res = await reg.request("PUT", `${start.headers.location}?digest=${claimed}`, { body: data });
  assert.equal(res.status, 400);
  assert.equal(errorCode(res), "DIGEST_INVALID");
  assert.equal((await reg.request("HEAD", `/v2/digests/blobs/${claimed}`)).status, 404);
  assert.equal((await reg.request("HEAD", `/v2/digests/blobs/${sha256(data)}`)).status, 404);
  assert.equal((await reg.request("GET", String(start.headers.location))).status, 404, "the upload is over");
  const monolithic = await reg.request("POST", `/v2/digests/blobs/uploads/?digest=${claimed}`, { body: data });
  assert.equal(errorCode(monolithic), "DIGEST_INVALID");
  const now = filesOnDisk();
  assert.ok(now.blobs.every((b) => before.includes(b)), "no new blob file");
  assert.ok(!now.uploads.includes(uploadId(start)), "no upload file");
  const image = await pushImage("digests", "v1", []);
  const byWrongDigest = await reg.request("PUT", `/v2/digests/manifests/${sha256("x")}`, { body: image.manifest, headers: { "Content-Type": OCI_MANIFEST } });
  assert.equal(errorCode(byWrongDigest), "DIGEST_INVALID");
});

test("an interrupted upload ends its session and leaves nothing behind", async () => {
  await repository("interrupted");
  const start = await reg.request("POST", "/v2/interrupted/blobs/uploads/");
  const location = String(start.headers.location);
  await new Promise<void>((resolve) => {
    const req = http.request({ host: t.config.host, port: t.server.ctx.ecr.port, method: "PATCH", path: location, headers: { Host: reg.address(), Authorization: reg.basic(reg.password()) } });
    req.on("error", () => resolve());
    req.write(Buffer.alloc(64 * 1024, 1));
    setTimeout(() => {
      req.destroy();
      resolve();
    }, 200);
  });
  await new Promise((r) => setTimeout(r, 200));
  assert.equal((await reg.request("GET", location)).status, 404);
  assert.ok(!filesOnDisk().uploads.includes(uploadId(start)));
  assert.deepEqual((await reg.request("GET", "/v2/interrupted/tags/list")).json().tags, []);
});

test("a blob mounts from another repository of the account; an unknown one starts an upload instead", async () => {
  await repository("mount/source");
  await repository("mount/target");
  const digest = await reg.pushBlob("mount/source", Buffer.from("shared base layer"));
  const mounted = await reg.request("POST", `/v2/mount/target/blobs/uploads/?mount=${digest}&from=mount/source`);
  assert.equal(mounted.status, 201);
  assert.equal(mounted.headers.location, `/v2/mount/target/blobs/${digest}`);
  assert.equal((await reg.request("HEAD", `/v2/mount/target/blobs/${digest}`)).status, 200);
  const unknown = await reg.request("POST", `/v2/mount/target/blobs/uploads/?mount=${sha256("nothing")}&from=mount/source`);
  assert.equal(unknown.status, 202);
  assert.match(String(unknown.headers.location), /\/blobs\/uploads\//);
});

test("tags list in lexical order, n per page with a Link to the next", async () => {
  await repository("paged");
  const image = await pushImage("paged", "b", []);
  for (const tag of ["a", "c", "d"]) {
    assert.equal((await reg.request("PUT", `/v2/paged/manifests/${tag}`, { body: image.manifest, headers: { "Content-Type": OCI_MANIFEST } })).status, 201);
  }
  const page = await reg.request("GET", "/v2/paged/tags/list?n=2");
  assert.deepEqual(page.json(), { name: "paged", tags: ["a", "b"] });
  assert.equal(page.headers.link, '</v2/paged/tags/list?n=2&last=b>; rel="next"');
  const next = await reg.request("GET", "/v2/paged/tags/list?n=2&last=b");
  assert.deepEqual(next.json().tags, ["c", "d"]);
  assert.equal(next.headers.link, undefined);
  assert.deepEqual((await reg.request("GET", "/v2/paged/tags/list?n=0")).json().tags, []);
});

test("deleted images give back their space; blobs another image still uses stay", async () => {
  await repository("reclaim");
  const shared = Buffer.from("a base layer both images use");
  const first = await pushImage("reclaim", "one", [shared, Buffer.from("only in one")]);
  await pushImage("reclaim", "two", [shared]);
  const firstBlobs = (JSON.parse(first.manifest.toString()) as { config: { digest: string }; layers: { digest: string }[] });
  const [config, sharedLayer, ownLayer] = [firstBlobs.config.digest, ...firstBlobs.layers.map((l) => l.digest)].map((d) => d!.slice("sha256:".length));
  assert.equal((await reg.request("DELETE", `/v2/reclaim/manifests/${first.digest}`)).status, 202);
  assert.equal((await reg.request("GET", "/v2/reclaim/manifests/one")).status, 404);
  await collectAfterGrace();
  const after = filesOnDisk().blobs;
  assert.ok(!after.includes(config!) && !after.includes(ownLayer!), "the config and the layer only image one used are gone");
  assert.ok(after.includes(sharedLayer!), "the layer image two uses stays");
  const two = await reg.request("GET", "/v2/reclaim/manifests/two");
  for (const layer of JSON.parse(two.body.toString()).layers) assert.equal((await reg.request("GET", `/v2/reclaim/blobs/${layer.digest}`)).status, 200);
});

test("a blob no image names yet is kept for the grace after its last use, and while its repository has an upload going on", async () => {
  await repository("grace");
  const repo = (await findRepository(t.server.ctx.allAccounts, t.config.accountId, "private", "grace"))!;
  const digest = await reg.pushBlob("grace", Buffer.from("a layer of a push whose manifest is still to come"));
  const released = async (usedBefore: number, busy: string[]) => (await releaseUnusedLinks(t.server.ctx.allAccounts, new Date(usedBefore), busy)).some((b) => b.digest === digest);
  assert.equal(await released(Date.now() - 60_000, []), false, "used within the grace");
  assert.equal(await released(Date.now() + 60_000, [repo.id]), false, "its repository is uploading");
  assert.equal((await reg.request("HEAD", `/v2/grace/blobs/${digest}`)).status, 200);
  assert.equal(await released(Date.now() + 60_000, []), true, "past the grace, no image, no upload");
  assert.equal((await reg.request("HEAD", `/v2/grace/blobs/${digest}`)).status, 404);
});

test("hostile names, digests and tags never reach the disk or a header", async () => {
  await repository("safe");
  for (const p of ["/v2/../../etc/manifests/x", "/v2/%2e%2e/%2e%2e/etc/manifests/x", "/v2/safe%2f..%2f..%2fother/manifests/x", "/v2/Safe/manifests/x", "/v2/a//b/manifests/x"]) {
    const res = await reg.request("GET", p);
    assert.equal(res.status, 400, p);
    assert.equal(errorCode(res), "NAME_INVALID", p);
  }
  const digests: [string, string][] = [["sha256:..%2f..%2f..%2fetc%2fpasswd", "NAME_INVALID"], ["sha256:..", "DIGEST_INVALID"], ["sha256:ABC", "DIGEST_INVALID"], ["sha512:" + "a".repeat(128), "DIGEST_INVALID"]];
  for (const [digest, code] of digests) {
    const res = await reg.request("GET", `/v2/safe/blobs/${digest}`);
    assert.equal(res.status, 400, digest);
    assert.equal(errorCode(res), code, digest);
  }
  for (const [reference, code] of [["v1%0d%0aX-Injected", "TAG_INVALID"], ["v1%0d%0aSet-Cookie:%20x=1", "DIGEST_INVALID"]]) {
    const injected = await reg.request("PUT", `/v2/safe/manifests/${reference}`, { body: "{}" });
    assert.equal(errorCode(injected), code);
    assert.equal(injected.headers["x-injected"], undefined);
    assert.equal(injected.headers["set-cookie"], undefined);
  }
  const mountInjected = await reg.request("POST", `/v2/safe/blobs/uploads/?mount=${sha256("x")}%0d%0aX:%201&from=safe`);
  assert.equal(errorCode(mountInjected), "DIGEST_INVALID");
});

test("oversized manifests and layers are refused with 413 and leave no file", async () => {
  await repository("big");
  const huge = Buffer.alloc(4 * 1024 * 1024 + 1, 32);
  const manifest = await reg.request("PUT", "/v2/big/manifests/v1", { body: huge, headers: { "Content-Type": OCI_MANIFEST } });
  assert.equal(manifest.status, 413);
  const start = await reg.request("POST", "/v2/big/blobs/uploads/");
  async function* stream() {
    for (let i = 0; i < 20; i++) yield Buffer.alloc(64 * 1024, i);
  }
  const layer = await reg.request("PATCH", String(start.headers.location), { body: stream() });
  assert.equal(layer.status, 413, `a layer over ${MAX_LAYER} bytes`);
  assert.equal(errorCode(layer), "SIZE_INVALID");
  assert.ok(!filesOnDisk().uploads.includes(uploadId(start)));
});

test("the perimeter: registry names only, no web pages, the account's own token, expired tokens denied in ECR's words", async () => {
  assert.equal((await reg.request("GET", "/v2/", { host: `127.0.0.1:${t.server.ctx.ecr.port}` })).status, 404);
  assert.equal((await reg.request("GET", "/v2/", { host: "attacker.example:80" })).status, 404);
  assert.equal((await reg.request("GET", "/v2/", { headers: { Origin: "http://attacker.example" } })).status, 403);
  assert.equal((await reg.request("GET", "/v2/", { headers: { "Sec-Fetch-Site": "cross-site" } })).status, 403);
  const expired = t.server.ctx.ecr.tokens.issue(t.config.accountId, "ecr", Date.now() - 13 * 60 * 60 * 1000).password;
  const denied = await reg.request("GET", "/v2/safe/tags/list", { headers: { Authorization: reg.basic(expired) } });
  assert.equal(denied.status, 403);
  assert.deepEqual(denied.json().errors[0], { code: "DENIED", message: "Your authorization token has expired. Reauthenticate and try again." });
  const other = "210987654321";
  const foreign = await reg.request("PUT", "/v2/safe/manifests/v1", { host: t.server.ctx.ecr.privateAddress(other), body: "{}" });
  assert.equal(foreign.status, 403);
  assert.equal(
    foreign.json().errors[0].message,
    `User: arn:aws:iam::${t.config.accountId}:root is not authorized to perform: ecr:PutImage on resource: arn:aws:ecr:us-east-1:${other}:repository/safe because no resource-based policy allows the ecr:PutImage action`,
  );
});

test("a push to a repository that does not exist: ECR's name unknown", async () => {
  const res = await reg.request("POST", "/v2/ghost/blobs/uploads/");
  assert.equal(res.status, 404);
  assert.deepEqual(res.json().errors[0], { code: "NAME_UNKNOWN", message: `The repository with name 'ghost' does not exist in the registry with id '${t.config.accountId}'` });
});
