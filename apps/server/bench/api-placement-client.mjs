// The client of api-placement.bench.ts, in a process of its own: keep-alive HTTP, the AWS JSON protocol
// by hand (no SDK overhead to measure), N requests in flight. Reports to its parent and exits.
import http from "node:http";

const [url, instancesText, secondsText] = process.argv.slice(2);
const INSTANCES = Number(instancesText);
const SECONDS = Number(secondsText);
const CLUSTER = "bench";
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
const { hostname, port } = new URL(url);
const errors = [];

function request(method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path, agent, headers: { ...headers, ...(body ? { "content-length": Buffer.byteLength(body) } : {}) } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

async function ecs(action, input) {
  const r = await request("POST", "/", { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AmazonEC2ContainerServiceV20141113.${action}` }, JSON.stringify(input));
  const out = JSON.parse(r.body);
  if (r.status !== 200) errors.push(`${action}: ${out.__type}: ${out.message}`);
  return out;
}

/** Runs `job` with `inFlight` at a time until `next()` says stop; the number of jobs done. */
async function pool(inFlight, next, job) {
  let done = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let i = next(); i !== undefined; i = next()) {
        await job(i);
        done++;
      }
    }),
  );
  return done;
}

const until = (ms) => {
  const end = performance.now() + ms;
  let i = 0;
  return () => (performance.now() < end ? i++ : undefined);
};

// The client's own ceiling: the server's cheapest answer at the same concurrency.
let start = performance.now();
let n = await pool(8, until(2000), () => request("GET", "/healthz", {}));
const ceiling = n / ((performance.now() - start) / 1000);

await ecs("CreateCluster", { clusterName: CLUSTER });
await ecs("RegisterTaskDefinition", { family: "bench", containerDefinitions: [{ name: "app", image: "x", memory: 16, cpu: 0 }] });
const ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"];
let k = 0;
process.send({ phase: "RegisterContainerInstance" });
start = performance.now();
n = await pool(16, () => (k < INSTANCES ? k++ : undefined), (i) =>
  ecs("RegisterContainerInstance", {
    cluster: CLUSTER,
    instanceIdentityDocument: JSON.stringify({ instanceId: `i-${String(i).padStart(17, "0")}`, instanceType: i % 2 ? "m5.large" : "t3.medium", availabilityZone: ZONES[i % 3], privateIp: `127.200.${Math.floor(i / 250)}.${(i % 250) + 1}` }),
    totalResources: [
      { name: "CPU", type: "INTEGER", integerValue: 2048 },
      { name: "MEMORY", type: "INTEGER", integerValue: 409600 },
    ],
    attributes: [{ name: "stack", value: "prod" }],
  }),
);
const registrations = n / ((performance.now() - start) / 1000);

process.send({ phase: "RunTask" });
let placed = 0;
start = performance.now();
const runs = await pool(8, until(SECONDS * 1000), async () => {
  const out = await ecs("RunTask", {
    cluster: CLUSTER,
    taskDefinition: "bench",
    count: 10,
    placementStrategy: [{ type: "spread", field: "attribute:ecs.availability-zone" }, { type: "binpack", field: "memory" }],
    placementConstraints: [{ type: "memberOf", expression: "attribute:stack == prod" }],
  });
  placed += out.tasks?.length ?? 0;
});
const seconds = (performance.now() - start) / 1000;
process.send({ ceiling, registrations, placements: placed / seconds, runTasks: runs / seconds, errors }, () => process.exit(0));
