/**
 * Requests per second through an Application Load Balancer to 3 targets, against nginx (Debian;
 * worker_processes auto, upstream keep-alive) proxying the same 3 targets, in the same run, with wrk
 * at the same threads and connections; the targets' own rate measured directly beside them. Not a
 * test: prints numbers, p99 latency, and whether Stevedore reaches 0.8 times nginx's rate.
 *
 *   npm run bench -w apps/server
 *   node --import tsx apps/server/bench/load-balancer.bench.ts --rounds 3 --seconds 10 --connections 64
 *
 * The targets are one nginx serving a small fixed response on three ports of an instance's address
 * (far faster than busybox httpd, which closes every connection), so the proxies are what is
 * measured. The load balancer is made as a user makes one (CreateLoadBalancer, CreateTargetGroup,
 * CreateListener, RegisterTargets) and reached under its DNS name; rounds alternate the order.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parseArgs } from "node:util";
import { CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand, DescribeTargetHealthCommand, ElasticLoadBalancingV2Client, RegisterTargetsCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand } from "@aws-sdk/client-auto-scaling";
import { credentials, startTestServer, waitFor } from "../test/support/test-server.ts";

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    seconds: { type: "string", default: "8" },
    connections: { type: "string", default: "64" },
    threads: { type: "string", default: "2" },
  },
});
const ROUNDS = Number(args.rounds);
const BAR = 0.8;
const say = (line = "") => process.stdout.write(`${line}\n`);
const run = promisify(execFile);

// HAProxy, nginx and wrk are Debian's, installed by the same steps as npm start's (scripts/lib/prepare.mjs, untyped).
const PREPARE = "../../../scripts/lib/prepare.mjs";
const prepare = (await import(PREPARE)) as { ensureHaproxy(): Promise<void>; ensureBenchTools(): Promise<void> };
await prepare.ensureHaproxy();
await prepare.ensureBenchTools();

interface WrkResult {
  rps: number;
  p99ms: number;
  errors: number;
}

async function wrk(url: string, hostHeader?: string): Promise<WrkResult> {
  const { stdout } = await run("wrk", ["-t", args.threads!, "-c", args.connections!, "-d", `${args.seconds}s`, "--latency", ...(hostHeader ? ["-H", `Host: ${hostHeader}`] : []), url], { maxBuffer: 1 << 20 });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? 0);
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(stdout);
  const p99ms = p99 ? Number(p99[1]) * (p99[2] === "us" ? 0.001 : p99[2] === "s" ? 1000 : 1) : NaN;
  const errors = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0) + Number(/Socket errors:.*?(\d+)/.exec(stdout)?.[1] ?? 0);
  return { rps, p99ms, errors };
}

function startNginx(dir: string, name: string, config: string): ChildProcess {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  const file = path.join(dir, name, "nginx.conf");
  fs.writeFileSync(file, `pid ${dir}/${name}/nginx.pid;\nerror_log ${dir}/${name}/error.log;\n${config}`);
  return spawn("/usr/sbin/nginx", ["-c", file, "-g", "daemon off;"], { stdio: "ignore" });
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stevedore-lb-bench-"));
const t = await startTestServer("127.106", { loadBalancerNetwork: "127.107", embeddedAgents: false });
const children: ChildProcess[] = [];
try {
  // An instance whose address the targets listen on (a load balancer reaches the caller's own addresses only).
  const userData = Buffer.from("#!/bin/bash\necho ECS_CLUSTER=bench >> /etc/ecs/ecs.config\n").toString("base64");
  await t.autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: "bench", ImageId: "ami-ecs", InstanceType: "t3.medium", UserData: userData }));
  await t.autoscaling.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: "bench", LaunchConfigurationName: "bench", MinSize: 1, MaxSize: 1, DesiredCapacity: 1, AvailabilityZones: ["us-east-1a"] }));
  const instance = await waitFor("an instance", async () => {
    const out = await run("/usr/bin/aws", ["--endpoint-url", t.server.url, "--output", "json", "ec2", "describe-instances"], { env: { ...process.env, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_DEFAULT_REGION: "us-east-1" } });
    const i = JSON.parse(out.stdout).Reservations?.[0]?.Instances?.[0];
    return i ? { id: i.InstanceId as string, address: i.PrivateIpAddress as string } : undefined;
  });
  const ports = [18081, 18082, 18083];
  const body = "x".repeat(128);
  children.push(startNginx(dir, "targets", `worker_processes auto;\nevents { worker_connections 4096; }\nhttp { access_log off; keepalive_requests 1000000;\n${ports.map((p) => `  server { listen ${instance.address}:${p}; location / { return 200 "${body}"; } }`).join("\n")}\n}\n`));
  const nginxAddress = "127.107.255.1:8080";
  children.push(startNginx(dir, "proxy", `worker_processes auto;\nevents { worker_connections 4096; }\nhttp { access_log off; keepalive_requests 1000000;\n  upstream targets { ${ports.map((p) => `server ${instance.address}:${p};`).join(" ")} keepalive 64; }\n  server { listen ${nginxAddress}; location / { proxy_pass http://targets; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; } }\n}\n`));

  const elb = new ElasticLoadBalancingV2Client({ endpoint: t.server.url, region: "us-east-1", credentials });
  const subnets = JSON.parse((await run("/usr/bin/aws", ["--endpoint-url", t.server.url, "--output", "json", "ec2", "describe-subnets"], { env: { ...process.env, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_DEFAULT_REGION: "us-east-1" } })).stdout).Subnets.map((s: { SubnetId: string }) => s.SubnetId);
  const lb = (await elb.send(new CreateLoadBalancerCommand({ Name: "bench", Subnets: subnets.slice(0, 2) }))).LoadBalancers![0]!;
  const tg = (await elb.send(new CreateTargetGroupCommand({ Name: "bench", Protocol: "HTTP", Port: 80, HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2 }))).TargetGroups![0]!;
  await elb.send(new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancerArn, Protocol: "HTTP", Port: 80, DefaultActions: [{ Type: "forward", TargetGroupArn: tg.TargetGroupArn }] }));
  await elb.send(new RegisterTargetsCommand({ TargetGroupArn: tg.TargetGroupArn, Targets: ports.map((Port) => ({ Id: instance.id, Port })) }));
  await waitFor("three healthy targets", async () => (await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }))).TargetHealthDescriptions!.filter((d) => d.TargetHealth?.State === "healthy").length === 3);
  await t.server.ctx.elb.settled();

  say(`Load balancer bench: wrk -t${args.threads} -c${args.connections} -d${args.seconds}s, ${ROUNDS} rounds, ${os.cpus().length} CPUs`);
  const results: Record<string, WrkResult[]> = { target: [], nginx: [], stevedore: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? ["nginx", "stevedore"] : ["stevedore", "nginx"];
    results.target!.push(await wrk(`http://${instance.address}:${ports[0]}/`));
    for (const which of order) results[which]!.push(which === "nginx" ? await wrk(`http://${nginxAddress}/`) : await wrk(`http://${lb.DNSName}/`));
    say(`  round ${round + 1}: ${["target", ...order].map((k) => `${k} ${Math.round(results[k]!.at(-1)!.rps)} req/s (p99 ${results[k]!.at(-1)!.p99ms.toFixed(2)} ms)`).join(", ")}`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const summary = (k: string) => ({ rps: median(results[k]!.map((r) => r.rps)), p99: median(results[k]!.map((r) => r.p99ms)), errors: results[k]!.reduce((n, r) => n + r.errors, 0) });
  const [target, nginx, stevedore] = ["target", "nginx", "stevedore"].map(summary);
  say(`one target directly:            ${Math.round(target!.rps)} req/s, p99 ${target!.p99.toFixed(2)} ms`);
  say(`nginx proxying the 3 targets:   ${Math.round(nginx!.rps)} req/s, p99 ${nginx!.p99.toFixed(2)} ms, ${nginx!.errors} errors`);
  say(`Stevedore's load balancer:      ${Math.round(stevedore!.rps)} req/s, p99 ${stevedore!.p99.toFixed(2)} ms, ${stevedore!.errors} errors`);
  const ratio = stevedore!.rps / nginx!.rps;
  say(`ratio ${ratio.toFixed(2)} of nginx's rate (bar ${BAR}): ${ratio >= BAR ? "PASS" : "BELOW THE BAR"}`);
} finally {
  for (const c of children) c.kill("SIGTERM");
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
