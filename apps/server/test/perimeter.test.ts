/**
 * The API and console listener's perimeter: a foreign Host (DNS rebinding), a foreign Origin or a
 * cross-site fetch are refused before anything runs; agent routes take JSON only; framing by other
 * origins is refused. Each refusal is checked to have changed nothing.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ListClustersCommand } from "@aws-sdk/client-ecs";
import { DescribeLaunchConfigurationsCommand } from "@aws-sdk/client-auto-scaling";
import { hostAllowed, perimeterVerdict } from "../src/http/perimeter.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";
import { ECS_JSON, FORM, rawRequest } from "./support/raw-http.ts";

let t: TestServer;
before(async () => {
  t = await startTestServer("127.89", { embeddedAgents: false, allowedHosts: ["lab.example.org"] });
});
after(async () => {
  await t?.close();
});

const host = () => new URL(t.server.url).host;
const createLaunchConfiguration = "Action=CreateLaunchConfiguration&Version=2011-01-01&LaunchConfigurationName=evil&ImageId=ami-1&InstanceType=t3.micro";

async function nothingCreated() {
  assert.deepEqual((await t.ecs.send(new ListClustersCommand({}))).clusterArns, []);
  assert.deepEqual((await t.autoscaling.send(new DescribeLaunchConfigurationsCommand({}))).LaunchConfigurations, []);
}

test("a foreign Host (DNS rebinding) is refused on the JSON API, the Query API and the console", async () => {
  const rebound = "rebind.evil.example:4400";
  const json = await rawRequest(t.server.url, { headers: { ...ECS_JSON("CreateCluster"), host: rebound }, body: '{"clusterName":"pwned"}' });
  assert.equal(json.status, 403);
  assert.equal(JSON.parse(json.body).__type, "AccessDeniedException");
  assert.match(JSON.parse(json.body).message, /does not answer to the host name 'rebind\.evil\.example:4400'.*STEVEDORE_ALLOWED_HOSTS/);
  const form = await rawRequest(t.server.url, { headers: { ...FORM, host: rebound }, body: createLaunchConfiguration });
  assert.equal(form.status, 403);
  assert.match(form.body, /<Code>AccessDeniedException<\/Code>/);
  assert.equal((await rawRequest(t.server.url, { method: "GET", path: "/", headers: { host: rebound } })).status, 403);
  await nothingCreated();
});

test("a host name the operator allows, and any *.localhost name, are served", async () => {
  const port = new URL(t.server.url).port;
  for (const name of [`lab.example.org:${port}`, `localhost:${port}`, `123456789012.dkr.ecr.us-east-1.localhost:${port}`]) {
    const r = await rawRequest(t.server.url, { headers: { ...ECS_JSON("ListClusters"), host: name }, body: "{}" });
    assert.equal(r.status, 200, name);
  }
});

test("a form POST from another origin is refused and creates nothing", async () => {
  const r = await rawRequest(t.server.url, { headers: { ...FORM, host: host(), origin: "http://evil.example" }, body: createLaunchConfiguration });
  assert.equal(r.status, 403);
  assert.match(r.body, /<Code>AccessDeniedException<\/Code><Message>Stevedore refuses requests from other origins&apos; pages\.<\/Message>/);
  await nothingCreated();
});

test("a JSON call from another origin or another site is refused and changes nothing", async () => {
  const fromOrigin = await rawRequest(t.server.url, { headers: { ...ECS_JSON("CreateCluster"), host: host(), origin: "http://evil.example" }, body: '{"clusterName":"pwned"}' });
  assert.equal(fromOrigin.status, 403);
  const fromSite = await rawRequest(t.server.url, { headers: { ...ECS_JSON("CreateCluster"), host: host(), "sec-fetch-site": "cross-site", "sec-fetch-mode": "cors" }, body: '{"clusterName":"pwned"}' });
  assert.equal(fromSite.status, 403);
  // A page on another port of the same machine is another origin too.
  const sameSite = await rawRequest(t.server.url, { headers: { ...ECS_JSON("CreateCluster"), host: host(), origin: "http://127.0.0.1:1", "sec-fetch-site": "same-site" }, body: '{"clusterName":"pwned"}' });
  assert.equal(sameSite.status, 403);
  // Reading is refused as well, not only changing state.
  const read = await rawRequest(t.server.url, { method: "GET", path: "/stevedore/v1/session", headers: { host: host(), "sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors", "sec-fetch-dest": "script" } });
  assert.equal(read.status, 403);
  await nothingCreated();
});

test("the console's own pages call the API: same origin passes; a link from another site still opens the console", async () => {
  const same = await rawRequest(t.server.url, { headers: { ...ECS_JSON("ListClusters"), host: host(), origin: `http://${host()}`, "sec-fetch-site": "same-origin" }, body: "{}" });
  assert.equal(same.status, 200);
  const link = await rawRequest(t.server.url, { method: "GET", path: "/clusters", headers: { host: host(), "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate", "sec-fetch-dest": "document" } });
  assert.equal(link.status, 200);
  assert.equal(link.headers["x-frame-options"], "SAMEORIGIN");
  assert.equal(link.headers["content-security-policy"], "frame-ancestors 'self'");
});

test("agent routes take application/json only: a text/plain POST (what a cross-site form can send) is refused", async () => {
  const r = await rawRequest(t.server.url, { path: "/agent/v1/poll", headers: { "content-type": "text/plain", host: host() }, body: '{"containerInstanceArn":"x"}' });
  assert.equal(r.status, 415);
  assert.equal(JSON.parse(r.body).__type, "UnsupportedMediaType");
});

test("action names are looked up as the API's own: constructor, __proto__ and toString are unknown operations", async () => {
  for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
    const json = await rawRequest(t.server.url, { headers: { ...ECS_JSON(name), host: host() }, body: "{}" });
    assert.equal(json.status, 400, name);
    assert.equal(JSON.parse(json.body).__type, "UnknownOperationException", name);
    const query = await rawRequest(t.server.url, { headers: { ...FORM, host: host() }, body: `Action=${name}&Version=2011-01-01` });
    assert.equal(query.status, 400, name);
    assert.match(query.body, /<Code>InvalidAction<\/Code>/, name);
  }
});

test("the perimeter's rules, one by one", () => {
  assert.ok(hostAllowed("127.0.0.1:4400", []));
  assert.ok(hostAllowed("[::1]:4400", []));
  assert.ok(hostAllowed("a.b.localhost", []));
  assert.ok(!hostAllowed("localhost.evil.example", []));
  assert.ok(!hostAllowed("127.0.0.1.nip.io", []));
  assert.ok(hostAllowed("student7.lab.example.org", ["*.lab.example.org"]));
  assert.ok(!hostAllowed("lab.example.org.evil.example", ["*.lab.example.org", "lab.example.org"]));
  const base = { method: "POST", path: "/", host: "127.0.0.1:4400" };
  assert.equal(perimeterVerdict(base, []), undefined);
  assert.ok(perimeterVerdict({ ...base, origin: "null" }, []));
  assert.ok(perimeterVerdict({ ...base, origin: "http://127.0.0.1:4401" }, []));
  assert.equal(perimeterVerdict({ ...base, origin: "http://127.0.0.1:4400", secFetchSite: "same-origin" }, []), undefined);
  assert.ok(perimeterVerdict({ ...base, method: "GET", path: "/agent/v1/poll", secFetchSite: "cross-site", secFetchMode: "navigate", secFetchDest: "document" }, []));
});
