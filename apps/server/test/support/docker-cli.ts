/**
 * The Docker CLI as a user runs it against Stevedore's registry, with a Docker config folder of its
 * own (logins stay out of the machine's ~/.docker), and images built here for the purpose: the sample
 * image plus a payload of random bytes, so every layer is new to the registry and to a pull. Images
 * carry a label naming their run, by which they are removed.
 */
import { execFile, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { credentials } from "./test-server.ts";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface DockerCli {
  readonly configDir: string;
  run(args: string[], stdin?: string): Promise<CliResult>;
  /** Starts a command that the caller may kill. */
  spawn(args: string[]): { kill(signal: NodeJS.Signals): void; done: Promise<CliResult> };
  /** Runs and throws with its output unless it succeeds. */
  ok(args: string[], stdin?: string): Promise<string>;
  /** Builds `tag` from the sample image with `payloadBytes` of random bytes in /payload. */
  build(tag: string, payloadBytes: number): Promise<void>;
  /** Removes every image this CLI built or pulled, and its config folder. */
  cleanup(): Promise<void>;
}

export function dockerCli(): DockerCli {
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), "stevedore-docker-config-"));
  const label = `stevedore.test-run=${randomUUID()}`;
  const env = { ...process.env, DOCKER_CONFIG: configDir, DOCKER_BUILDKIT: "0" };
  const tags = new Set<string>();

  const start = (args: string[], stdin?: string) => {
    const child = spawn("docker", args, { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.stdin.end(stdin);
    const done = new Promise<CliResult>((resolve) => child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr })));
    return { kill: (signal: NodeJS.Signals) => void child.kill(signal), done };
  };
  const run = (args: string[], stdin?: string): Promise<CliResult> => start(args, stdin).done;

  const cli: DockerCli = {
    configDir,
    spawn: (args) => start(args),
    run: async (args, stdin) => {
      const result = await run(args, stdin);
      if (args[0] === "tag") tags.add(args[2]!);
      if (args[0] === "pull" && result.code === 0) tags.add(args[1]!);
      return result;
    },
    async ok(args, stdin) {
      const result = await cli.run(args, stdin);
      if (result.code !== 0) throw new Error(`docker ${args.join(" ")} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
      return result.stdout;
    },
    async build(tag, payloadBytes) {
      const context = fs.mkdtempSync(path.join(os.tmpdir(), "stevedore-image-"));
      try {
        fs.writeFileSync(path.join(context, "Dockerfile"), "FROM stevedore/sample-web:latest\nCOPY payload /payload\n");
        const payload = fs.openSync(path.join(context, "payload"), "w");
        for (let left = payloadBytes; left > 0; left -= 1 << 20) fs.writeSync(payload, randomBytes(Math.min(left, 1 << 20)));
        fs.closeSync(payload);
        await cli.ok(["build", "-q", "--label", label, "-t", tag, context]);
        tags.add(tag);
      } finally {
        fs.rmSync(context, { recursive: true, force: true });
      }
    },
    async cleanup() {
      const labelled = (await run(["images", "-q", "--filter", `label=${label}`])).stdout.split("\n").filter(Boolean);
      await run(["rmi", "-f", ...tags, ...new Set(labelled)]);
      fs.rmSync(configDir, { recursive: true, force: true });
    },
  };
  return cli;
}

/** `aws ecr get-login-password | docker login --username AWS --password-stdin <registry>`, as the console's push commands say. */
export async function loginWithAwsCli(cli: DockerCli, endpointUrl: string, registry: string): Promise<CliResult> {
  const { stdout: password } = await promisify(execFile)("/usr/bin/aws", ["--endpoint-url", endpointUrl, "ecr", "get-login-password", "--region", "us-east-1"], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_PAGER: "" },
  });
  return cli.run(["login", "--username", "AWS", "--password-stdin", registry], password);
}
