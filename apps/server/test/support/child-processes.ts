/**
 * Stevedore's programs as child processes, as an operator runs them: the server (`node --import tsx
 * apps/stevedore/src/main.ts`, its settings in STEVEDORE_* variables) and the standalone agent
 * (`packages/agent/bin/stevedore-agent.mjs`). Their output is kept, and printed when a test fails.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { REPO_ROOT } from "../../src/config.ts";

export const AGENT_BIN = path.join(REPO_ROOT, "packages/agent/bin/stevedore-agent.mjs");

export interface Program {
  readonly child: ChildProcess;
  readonly name: string;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves with the first match of `pattern` in its output; rejects when it exits first or after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (SIGTERM: a clean stop) and waits for the exit; SIGKILL after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<void>;
}

export function startProgram(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Program {
  const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    text += chunk.toString();
    if (text.length > 2_000_000) text = text.slice(-1_000_000);
    listeners.forEach((l) => l());
  };
  child.stdout!.on("data", append);
  child.stderr!.on("data", append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      resolve({ code, signal });
      listeners.forEach((l) => l());
    }),
  );
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    name,
    output: () => text,
    exited,
    waitForOutput(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(text);
          if (m) return done(() => resolve(m));
          if (!running()) done(() => reject(new Error(`${name} exited before printing ${pattern}:\n${text.slice(-4000)}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`${name} did not print ${pattern} within ${timeoutMs} ms:\n${text.slice(-4000)}`))), timeoutMs);
        const done = (f: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          f();
        };
        listeners.add(check);
        check();
      });
    },
    async stop(signal = "SIGTERM", timeoutMs = 30_000) {
      if (!running()) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The standalone agent: `node packages/agent/bin/stevedore-agent.mjs ...args`. */
export function startStandaloneAgent(name: string, args: string[], env: NodeJS.ProcessEnv = {}): Program {
  return startProgram(name, process.execPath, [AGENT_BIN, ...args], env);
}

/** The server as `npm start` runs it, with STEVEDORE_* settings; resolves once it is ready. */
export async function startServerProcess(env: Record<string, string>): Promise<Program & { url: string }> {
  const program = startProgram("server", process.execPath, ["--import", "tsx", "apps/stevedore/src/main.ts"], env);
  const [, url] = await program.waitForOutput(/Stevedore is ready at (http:\/\/\S+)/, 60_000);
  return Object.assign(program, { url: url! });
}

/** The ids of containers of an account's container instances on an engine (the main one by default), running or not. */
export function containersOf(accountId: string, dockerHost?: string): string[] {
  const host = dockerHost ? ["-H", dockerHost] : [];
  const listing = execFileSync(
    "docker",
    [...host, "ps", "-a", "--no-trunc", "--filter", "label=stevedore.container-instance-arn", "--format", '{{.ID}} {{.Label "stevedore.container-instance-arn"}}'],
    { encoding: "utf8" },
  );
  return listing
    .split("\n")
    .filter((line) => line.includes(`:${accountId}:`))
    .map((line) => line.split(" ")[0]!);
}

/** Removes them. Never throws. */
export function removeContainersOf(accountId: string, dockerHost?: string): void {
  try {
    const ids = containersOf(accountId, dockerHost);
    if (ids.length) execFileSync("docker", [...(dockerHost ? ["-H", dockerHost] : []), "rm", "-f", ...ids], { stdio: "ignore" });
  } catch (err) {
    console.error(`could not remove the containers of account ${accountId}:`, err);
  }
}
