/**
 * Local stand-ins for the public images AWS's ECS tutorials name, built from the sample image (busybox):
 * nginx serves its welcome page on port 80; httpd has `httpd-foreground` and Apache's document root, so
 * the Fargate tutorial's command (write index.html, then `httpd-foreground`) runs as written. Nothing is
 * pulled. An image this machine already has is never replaced; only the ones built here are removed.
 */
import { execFileSync, spawn } from "node:child_process";
import { credentials } from "./test-server.ts";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const DOCKERFILES: Record<string, string> = {
  nginx: [
    "FROM stevedore/sample-web:latest",
    "RUN mkdir -p /usr/share/nginx/html && echo '<html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>' > /usr/share/nginx/html/index.html",
    'CMD ["httpd", "-f", "-p", "80", "-h", "/usr/share/nginx/html"]',
  ].join("\n"),
  httpd: [
    "FROM stevedore/sample-web:latest",
    "RUN mkdir -p /usr/local/apache2/htdocs /usr/local/bin && printf '#!/bin/sh\\nexec httpd -f -p 80 -h /usr/local/apache2/htdocs\\n' > /usr/local/bin/httpd-foreground && chmod +x /usr/local/bin/httpd-foreground",
    'CMD ["httpd-foreground"]',
  ].join("\n"),
  busybox: ["FROM stevedore/sample-web:latest", 'CMD ["sh"]'].join("\n"),
};

const exists = (image: string) => {
  try {
    execFileSync("docker", ["image", "inspect", image], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

/** Builds the stand-ins for `images` (each `<...>/<kind>:<tag>` with kind nginx, httpd or busybox); returns a cleanup. */
export function tutorialImages(images: string[]): () => void {
  const built: string[] = [];
  for (const image of images) {
    if (exists(image)) continue;
    const kind = image.split("/").pop()!.split(":")[0]!;
    const dockerfile = DOCKERFILES[kind];
    if (!dockerfile) throw new Error(`no stand-in for ${image}`);
    const context = fs.mkdtempSync(path.join(os.tmpdir(), "tutorial-image-"));
    try {
      fs.writeFileSync(path.join(context, "Dockerfile"), dockerfile);
      execFileSync("docker", ["build", "-q", "-t", image, context], { env: { ...process.env, DOCKER_BUILDKIT: "0" }, stdio: "ignore" });
      built.push(image);
    } finally {
      fs.rmSync(context, { recursive: true, force: true });
    }
  }
  return () => {
    if (built.length) execFileSync("docker", ["rmi", "-f", ...built], { stdio: "ignore" });
  };
}

/**
 * A folder whose `aws` is the AWS CLI v2 with `--endpoint-url` added and nothing else, for running a
 * tutorial's commands or script as written (PATH=<folder>:$PATH).
 */
export function awsWithEndpoint(endpointUrl: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-endpoint-"));
  fs.writeFileSync(path.join(dir, "aws"), `#!/bin/sh\nexec /usr/bin/aws --endpoint-url "${endpointUrl}" "$@"\n`, { mode: 0o755 });
  return dir;
}

/** Runs a bash script as a user would, with the tutorial's `aws`; resolves with its exit code and output. */
export function runBash(script: string, endpointUrl: string, stdin = ""): Promise<{ code: number | null; output: string }> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "tutorial-"));
  // `aws` as a shell function too: the script's own calls never depend on PATH lookups (a run under npm
  // test once reached the real AWS endpoint), and programs it starts still find the wrapper on PATH.
  const prelude = `aws() { /usr/bin/aws --endpoint-url "$STEVEDORE_TUTORIAL_ENDPOINT" "$@"; }\nexport -f aws\n`;
  const child = spawn("bash", ["-c", prelude + script], {
    cwd,
    env: {
      ...process.env,
      STEVEDORE_TUTORIAL_ENDPOINT: endpointUrl,
      PATH: `${awsWithEndpoint(endpointUrl)}:${process.env.PATH}`,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_PAGER: "",
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c) => (output += c));
  child.stderr.on("data", (c) => (output += c));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, output })));
}

