/** A workshop's accounts in tests: the operator's command against a test server, and the AWS CLI v2 under an account's keys. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../../src/config.ts";
import type { TestServer } from "./test-server.ts";

export interface StudentKeys {
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const COMMAND = path.join(REPO_ROOT, "apps/stevedore/src/command.ts");

/** `npm run stevedore -- <args>` (as node runs it), pointed at the test server and its data folder. */
export async function stevedoreCommand(t: TestServer, ...args: string[]): Promise<{ stdout: string; lastLine: string }> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", COMMAND, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, STEVEDORE_DATA_DIR: t.config.dataDir, STEVEDORE_URL: t.server.url },
  });
  const lines = stdout.trim().split("\n");
  return { stdout, lastLine: lines.at(-1)! };
}

export async function createAccount(t: TestServer, name: string, ...flags: string[]): Promise<StudentKeys> {
  const { lastLine } = await stevedoreCommand(t, "account", "create", name, ...flags);
  return JSON.parse(lastLine) as StudentKeys;
}

/** The AWS CLI v2 (/usr/bin/aws) under `keys`; JSON out, or the CLI's error text thrown. */
export const awsAs =
  (t: () => TestServer, keys: StudentKeys) =>
  async (...args: string[]): Promise<any> => {
    try {
      const { stdout } = await promisify(execFile)("/usr/bin/aws", ["--endpoint-url", t().server.url, "--output", "json", ...args], {
        env: { ...process.env, AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey, AWS_DEFAULT_REGION: "us-east-1", AWS_PAGER: "" },
      });
      return stdout.trim() ? JSON.parse(stdout) : undefined;
    } catch (err) {
      throw new Error(String((err as { stderr?: string }).stderr ?? err).trim());
    }
  };
