// Everything `npm start` and `npm test` need on a fresh machine of this kind: npm dependencies, the
// Docker Engine (installed and started when we are root on Debian), Prisma's client, the console's
// build and the sample images. Each step skips itself when its work is already done.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { run, step, succeeds, which } from "./run.mjs";

process.env.TURBO_TELEMETRY_DISABLED = "1";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PRISMA_ENV = { PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_QUERY_ENGINE_LIBRARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" };

const isRoot = () => process.getuid?.() === 0;
const isDebian = () => fs.existsSync("/etc/debian_version");
let aptUpdated = false;

async function aptInstall(packages, why) {
  if (!isRoot() || !isDebian() || !which("apt-get")) {
    throw new Error(`${why} Install these packages and run again: ${packages.join(" ")}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if (!aptUpdated) await run("apt-get", ["update", "-qq"], { env });
  aptUpdated = true;
  await run("apt-get", ["install", "-y", "-qq", ...packages], { env });
}

export async function installDependencies() {
  const lock = fs.readFileSync(path.join(ROOT, "package-lock.json"));
  const stamp = path.join(ROOT, "node_modules/.stevedore-installed");
  const hash = createHash("sha256").update(lock).digest("hex");
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === hash) return;
  step("Installing npm dependencies (better-sqlite3 compiles from source: about a minute)");
  await run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: ROOT });
  fs.writeFileSync(stamp, hash);
}

export async function ensureDocker() {
  if (which("docker") && succeeds("docker", ["info"])) return;
  const dockerd = ["/usr/sbin/dockerd", "/usr/bin/dockerd"].find((p) => fs.existsSync(p)) ?? which("dockerd");
  if (!dockerd) {
    step("Installing Docker Engine (docker.io)");
    await aptInstall(["docker.io"], "No Docker Engine answers and none is installed.");
  }
  if (!isRoot()) throw new Error("The Docker Engine is not running. Start it (for example `sudo systemctl start docker`) and run again.");
  step("Starting the Docker Engine");
  const log = fs.openSync("/var/log/stevedore-dockerd.log", "a");
  // dockerd finds docker-proxy (port publishing) on PATH, which may lack /usr/sbin in a non-login shell.
  const daemon = spawn(["/usr/sbin/dockerd", "/usr/bin/dockerd"].find((p) => fs.existsSync(p)) ?? "dockerd", [], {
    detached: true,
    stdio: ["ignore", log, log],
    env: { ...process.env, PATH: `/usr/local/sbin:/usr/sbin:/sbin:${process.env.PATH ?? ""}` },
  });
  daemon.unref();
  for (let i = 0; i < 120; i++) {
    if (succeeds("docker", ["info"])) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("The Docker Engine did not answer within a minute; see /var/log/stevedore-dockerd.log.");
}

/** busybox-static gives the sample images their shell and web server (no image can be pulled here). */
export async function ensureBusybox() {
  if (fs.existsSync("/bin/busybox") && succeeds("sh", ["-c", "ldd /bin/busybox 2>&1 | grep -q 'not a dynamic'"])) return;
  step("Installing busybox-static for the sample images");
  await aptInstall(["busybox-static"], "The sample images need a static busybox.");
}

/** Debian's HAProxy is the load balancers' data plane (apps/server/src/elb/data-plane). */
export async function ensureHaproxy() {
  if (fs.existsSync("/usr/sbin/haproxy") || which("haproxy")) return;
  step("Installing HAProxy, the load balancers' data plane");
  await aptInstall(["haproxy"], "Application Load Balancers run on HAProxy.");
}

/** The load balancer bench compares with nginx, driven by wrk. */
export async function ensureBenchTools() {
  const missing = [["/usr/sbin/nginx", "nginx-light"], ["/usr/bin/wrk", "wrk"]].filter(([bin]) => !fs.existsSync(bin)).map(([, pkg]) => pkg);
  if (!missing.length) return;
  step(`Installing ${missing.join(" and ")} for the load balancer bench`);
  await aptInstall(missing, "The load balancer bench needs nginx and wrk.");
}

export async function ensureChromium() {
  if (fs.existsSync("/usr/bin/chromium")) return;
  step("Installing Chromium for the end-to-end tests");
  await aptInstall(["chromium"], "The end-to-end tests need Debian's Chromium.");
}

/** Debian's awscli package is AWS CLI v2 at /usr/bin/aws; the tests drive the server with it as a workshop does. */
export async function ensureAwsCli() {
  if (fs.existsSync("/usr/bin/aws")) return;
  step("Installing the AWS CLI v2 (Debian's awscli) for the tests");
  await aptInstall(["awscli"], "The tests use the AWS CLI v2 at /usr/bin/aws.");
}

export async function generatePrismaClient() {
  step("Generating the Prisma client");
  await run(process.execPath, [path.join(ROOT, "node_modules/prisma/build/index.js"), "generate"], {
    cwd: ROOT,
    env: { ...process.env, ...PRISMA_ENV },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export async function buildConsole() {
  step("Building the console");
  await run("npx", ["turbo", "run", "build", "--filter=@stevedore/console", "--output-logs=errors-only"], { cwd: ROOT });
}

export async function buildSampleImages() {
  const samples = path.join(ROOT, "samples");
  for (const name of fs.readdirSync(samples)) {
    const dir = path.join(samples, name);
    if (!fs.existsSync(path.join(dir, "Dockerfile"))) continue;
    const tag = `stevedore/${name}:latest`;
    const hash = hashDir(dir);
    const current = spawnText("docker", ["image", "inspect", "-f", '{{index .Config.Labels "stevedore.source-hash"}}', tag]);
    if (current === hash) continue;
    step(`Building the sample image ${tag}`);
    // The build context gets a copy of the static busybox: images here are built, never pulled.
    const context = fs.mkdtempSync(path.join(fs.realpathSync("/tmp"), `stevedore-${name}-`));
    fs.cpSync(dir, context, { recursive: true });
    fs.copyFileSync("/bin/busybox", path.join(context, "busybox"));
    try {
      await run("docker", ["build", "-q", "--label", `stevedore.source-hash=${hash}`, "-t", tag, context], { stdio: ["ignore", "ignore", "inherit"] });
    } finally {
      fs.rmSync(context, { recursive: true, force: true });
    }
  }
}

function hashDir(dir) {
  const h = createHash("sha256");
  for (const f of fs.readdirSync(dir, { recursive: true }).sort()) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) h.update(f).update(fs.readFileSync(p));
  }
  return h.digest("hex").slice(0, 16);
}

function spawnText(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export async function prepare({ forTests = false } = {}) {
  await installDependencies();
  await ensureDocker();
  await ensureBusybox();
  await ensureHaproxy();
  if (forTests) {
    await ensureChromium();
    await ensureAwsCli();
  }
  await generatePrismaClient();
  await buildConsole();
  await buildSampleImages();
}
