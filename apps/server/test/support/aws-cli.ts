/** The AWS CLI v2 (Debian's /usr/bin/aws) pointed at a test server, as a workshop runs it; JSON out. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { credentials, type TestServer } from "./test-server.ts";

export const awsCli =
  (t: () => TestServer) =>
  async (...args: string[]): Promise<any> => {
    const { stdout } = await promisify(execFile)("/usr/bin/aws", ["--endpoint-url", t().server.url, "--output", "json", ...args], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_DEFAULT_REGION: "us-east-1", AWS_PAGER: "" },
    });
    return stdout.trim() ? JSON.parse(stdout) : undefined;
  };
