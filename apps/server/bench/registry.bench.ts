/**
 * docker push and docker pull against Stevedore's ECR registry and against CNCF Distribution (Debian's
 * docker-registry, the reference implementation), in the same run, on the same Docker Engine. Not a
 * test: prints numbers, and whether Stevedore is at least 0.9 times Distribution's speed.
 *
 *   npm run bench -w apps/server                (3 rounds of a 64 MiB payload)
 *   node --import tsx apps/server/bench/registry.bench.ts --rounds 1 --mib 50
 *
 * Each round builds a new image (the sample image plus a layer of random bytes: nothing compresses it
 * and no registry has it), pushes it to both registries (the order alternates between rounds), removes
 * it from the engine, then pulls it from each (removing it between the pulls, so every pull downloads
 * the layer). Each registry runs in its own process, whose CPU time is printed too. Stevedore is
 * reached as a user does, under its registry name after `docker login` with GetAuthorizationToken's
 * password; Distribution on a loopback port without auth, its own fastest setting.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { CreateRepositoryCommand, ECRClient, GetAuthorizationTokenCommand } from "@aws-sdk/client-ecr";
import { dockerCli, type DockerCli } from "../test/support/docker-cli.ts";
import { freePort, startServerProcess } from "../test/support/child-processes.ts";

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    /** The random layer's size; the image is that plus the sample image's 2 MB. */
    mib: { type: "string", default: "64" },
  },
});
const ROUNDS = Number(args.rounds);
const MIB = Number(args.mib);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`--rounds must be a positive integer, not ${args.rounds}`);
if (!Number.isInteger(MIB) || MIB < 50) throw new Error(`--mib must be at least 50, not ${args.mib}`);
const BAR = 0.9;

const say = (line = "") => process.stdout.write(`${line}\n`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Debian's docker-registry, installed when missing (root on Debian), serving a fresh folder on a loopback port. */
async function startDistribution(): Promise<{ address: string; version: string; cpuSeconds(): number; stop(): void }> {
  const binary = "/usr/bin/docker-registry";
  if (!fs.existsSync(binary)) {
    say("Installing Debian's docker-registry (CNCF Distribution), the reference...");
    execFileSync("apt-get", ["install", "-y", "-qq", "docker-registry"], { stdio: "ignore", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  }
  // "docker-registry github.com/docker/distribution 2.8.2+ds1"
  const version = execFileSync(binary, ["--version"], { encoding: "utf8" }).trim().split(/\s+/).at(-1)!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stevedore-bench-distribution-"));
  const port = await freePort();
  fs.writeFileSync(
    path.join(dir, "config.yml"),
    `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n`,
  );
  const child: ChildProcess = spawn(binary, ["serve", path.join(dir, "config.yml")], { stdio: "ignore" });
  const address = `127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (await fetch(`http://${address}/v2/`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    address,
    version,
    cpuSeconds: () => processCpuSeconds(child.pid!),
    stop() {
      child.kill("SIGTERM");
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** utime + stime of a process, from /proc (clock ticks of 1/100 s). */
function processCpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Wall time of a docker command, and the CPU time the registry spent meanwhile. */
async function timed(docker: DockerCli, args: string[], registryCpu: () => number): Promise<{ wall: number; cpu: number }> {
  const cpu = registryCpu();
  const start = performance.now();
  await docker.ok(args);
  return { wall: (performance.now() - start) / 1000, cpu: registryCpu() - cpu };
}

const docker = dockerCli();
const distribution = await startDistribution();
// Stevedore as `npm start` runs it, in a process of its own as Distribution is (the bench's own
// work, spawning the Docker CLI, stays off the server's event loop and out of its CPU time).
const accountId = String(100_000_000_000 + Math.floor(Math.random() * 899_999_999_999));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stevedore-bench-registry-"));
const server = await startServerProcess({
  STEVEDORE_PORT: String(await freePort()),
  STEVEDORE_REGISTRY_PORT: String(await freePort()),
  STEVEDORE_DATA_DIR: dataDir,
  STEVEDORE_INSTANCE_NETWORK: "127.63",
  STEVEDORE_ACCOUNT_ID: accountId,
});
const ecr = new ECRClient({ endpoint: server.url, region: "us-east-1", credentials: { accessKeyId: "bench", secretAccessKey: "bench" } });

try {
  const { authorizationData } = await ecr.send(new GetAuthorizationTokenCommand({}));
  const password = Buffer.from(authorizationData![0]!.authorizationToken!, "base64").toString().slice("AWS:".length);
  const stevedore = new URL(authorizationData![0]!.proxyEndpoint!).host;
  await docker.ok(["login", "--username", "AWS", "--password-stdin", stevedore], password);
  type Sample = { wall: number; cpu: number };
  const registries = [
    { name: `Distribution ${distribution.version}`, address: distribution.address, cpu: distribution.cpuSeconds, push: [] as Sample[], pull: [] as Sample[] },
    { name: "Stevedore", address: stevedore, cpu: () => processCpuSeconds(server.child.pid!), push: [] as Sample[], pull: [] as Sample[] },
  ];
  say(`docker push / docker pull of a ${MIB + 2} MB image (the sample image + ${MIB} MiB of random bytes), ${ROUNDS} round(s)`);
  for (let round = 1; round <= ROUNDS; round++) {
    const repository = `bench/round-${round}-${process.pid}`;
    await ecr.send(new CreateRepositoryCommand({ repositoryName: repository }));
    const local = `stevedore-bench/registry:${round}-${process.pid}`;
    await docker.build(local, MIB << 20);
    const order = round % 2 ? registries : [...registries].reverse();
    for (const r of order) {
      await docker.ok(["tag", local, `${r.address}/${repository}:v1`]);
      r.push.push(await timed(docker, ["push", `${r.address}/${repository}:v1`], r.cpu));
    }
    await docker.ok(["rmi", local, ...registries.map((r) => `${r.address}/${repository}:v1`)]);
    for (const r of order) {
      r.pull.push(await timed(docker, ["pull", `${r.address}/${repository}:v1`], r.cpu));
      await docker.ok(["rmi", `${r.address}/${repository}:v1`]);
    }
    say(`  round ${round}: ${order.map((r) => `${r.name} push ${r.push.at(-1)!.wall.toFixed(2)} s, pull ${r.pull.at(-1)!.wall.toFixed(2)} s`).join("; ")}`);
  }
  const [reference, ours] = registries as [(typeof registries)[0], (typeof registries)[0]];
  const mbps = (s: number) => ((MIB + 2) / s).toFixed(0);
  for (const op of ["push", "pull"] as const) {
    const [theirs, mine] = [median(reference[op].map((x) => x.wall)), median(ours[op].map((x) => x.wall))];
    const ratio = theirs / mine;
    say(
      `${op}: ${reference.name} ${theirs.toFixed(2)} s (${mbps(theirs)} MB/s), Stevedore ${mine.toFixed(2)} s (${mbps(mine)} MB/s); ` +
        `speed ratio ${ratio.toFixed(2)} (bar ≥ ${BAR}: ${ratio >= BAR ? "met" : "MISSED"}); ` +
        `registry CPU ${median(reference[op].map((x) => x.cpu)).toFixed(2)} s vs ${median(ours[op].map((x) => x.cpu)).toFixed(2)} s`,
    );
  }
} finally {
  await docker.cleanup();
  distribution.stop();
  await server.stop("SIGTERM");
  fs.rmSync(dataDir, { recursive: true, force: true });
}
