/**
 * Extra Docker Engines on this machine, as the hosts of standalone agents: each its own dockerd with its
 * own socket, data root, exec root, pidfile and bridge (a Linux bridge made for it, 10.213.N.1/24,
 * outside Docker's default address pools), under /tmp/stevedore-dockerN. No iptables rules
 * (--iptables=false), so the engines leave the main one's chains alone; ports published on 127.x
 * addresses go through docker-proxy. Nothing can be pulled: images are copied from the main engine.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";

const DOCKERD = ["/usr/sbin/dockerd", "/usr/bin/dockerd"].find((p) => fs.existsSync(p)) ?? "dockerd";
// /usr/sbin is not on every PATH (CI's shell may lack it); dockerd also needs it to find docker-proxy.
const withSbin = (path = "") => ["/usr/local/sbin", "/usr/sbin", "/sbin", path].filter(Boolean).join(":");
const IP = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].find((p) => fs.existsSync(p)) ?? "ip";

export interface ExtraEngine {
  readonly n: number;
  readonly dir: string;
  readonly socket: string;
  /** For `docker -H`: unix://<socket>. */
  readonly host: string;
  readonly bridge: string;
  /** The bridge's address: the containers' gateway, where the agent's metadata endpoint listens. */
  readonly gateway: string;
  readonly running: boolean;
  /** Starts the engine (again: same data root, so its containers are still there) and waits for it. */
  start(): Promise<void>;
  /** SIGTERM to dockerd, as a host shutdown does: it stops its containers and exits. Waits for that. */
  stop(): Promise<void>;
  /** Copies an image of the main engine into this one. */
  loadImage(image: string): void;
  /** The docker CLI against this engine. */
  docker(args: string[]): string;
  /** Stops the engine if it runs, deletes its bridge and its folder. Never throws. */
  destroy(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: "/_ping", timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  return !alive(pid);
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const tryRun = (cmd: string, args: string[]) => {
  try {
    run(cmd, args);
  } catch {
    // already gone
  }
};
const bridgeExists = (name: string) => fs.existsSync(`/sys/class/net/${name}`);

/** What a previous run that died left behind under `dir`: its dockerd (only one with that data root), mounts, bridge. */
async function removeLeftovers(dir: string, bridge: string): Promise<void> {
  const pidfile = `${dir}/docker.pid`;
  const pid = fs.existsSync(pidfile) ? Number(fs.readFileSync(pidfile, "utf8").trim()) : 0;
  if (pid > 0 && alive(pid)) {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (cmdline.includes(`${dir}/data`)) {
      process.kill(pid, "SIGTERM");
      if (!(await waitForExit(pid, 30_000))) process.kill(pid, "SIGKILL");
    }
  }
  const mounts = fs
    .readFileSync("/proc/self/mounts", "utf8")
    .split("\n")
    .map((l) => l.split(" ")[1] ?? "")
    .filter((m) => m.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const m of mounts) tryRun("umount", ["-l", m]);
  if (bridgeExists(bridge)) tryRun(IP, ["link", "del", bridge]);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** An engine's description; nothing happens on the machine until start(). `n` is 1-9. */
export function extraEngine(n: number): ExtraEngine {
  const dir = `/tmp/stevedore-docker${n}`;
  const socket = `${dir}/docker.sock`;
  const bridge = `stvd${n}`;
  const gateway = `10.213.${n}.1`;
  let daemon: ChildProcess | undefined;
  let exited: Promise<void> | undefined;
  let prepared = false;

  const engine: ExtraEngine = {
    n,
    dir,
    socket,
    host: `unix://${socket}`,
    bridge,
    gateway,
    get running() {
      return !!daemon && daemon.exitCode === null && daemon.signalCode === null;
    },
    async start() {
      if (engine.running) return;
      if (!prepared) {
        await removeLeftovers(dir, bridge);
        fs.mkdirSync(dir, { recursive: true });
        run(IP, ["link", "add", "name", bridge, "type", "bridge"]);
        run(IP, ["addr", "add", `${gateway}/24`, "dev", bridge]);
        run(IP, ["link", "set", bridge, "up"]);
        prepared = true;
      }
      const log = fs.openSync(`${dir}/dockerd.log`, "a");
      const args = [
        `--host=unix://${socket}`,
        `--data-root=${dir}/data`,
        `--exec-root=${dir}/exec`,
        `--pidfile=${dir}/docker.pid`,
        `--bridge=${bridge}`,
        "--iptables=false",
        "--ip-masq=false",
      ];
      const child = spawn(DOCKERD, args, { stdio: ["ignore", log, log], env: { ...process.env, PATH: withSbin(process.env.PATH) } });
      fs.closeSync(log);
      daemon = child;
      exited = new Promise((resolve) => child.once("exit", () => resolve()));
      const deadline = Date.now() + 30_000;
      while (!(await ping(socket))) {
        if (!engine.running) throw new Error(`dockerd ${n} exited at start; see ${dir}/dockerd.log`);
        if (Date.now() > deadline) throw new Error(`dockerd ${n} did not answer within 30 s; see ${dir}/dockerd.log`);
        await sleep(200);
      }
    },
    async stop() {
      const child = daemon;
      if (!child || !engine.running) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
      await exited;
      clearTimeout(timer);
    },
    loadImage(image: string) {
      execFileSync("sh", ["-c", `docker save "$1" | docker -H "$2" load -q`, "sh", image, engine.host], { stdio: ["ignore", "ignore", "pipe"] });
    },
    docker(args: string[]) {
      return run("docker", ["-H", engine.host, ...args]);
    },
    async destroy() {
      try {
        await engine.stop();
      } catch {
        // below
      }
      try {
        await removeLeftovers(dir, bridge);
      } catch (err) {
        console.error(`could not clean up extra Docker Engine ${n}:`, err);
      }
    },
  };
  return engine;
}
