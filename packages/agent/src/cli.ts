/** The standalone agent, for a host of its own: `stevedore-agent --endpoint URL [--cluster NAME]`. */
import { createHash } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import { DEFAULT_ACCOUNT_ID, DEFAULT_INSTANCE_TYPE, DEFAULT_REGION, ECS_OPTIMIZED_AMI, availabilityZones } from "@stevedore/shared";
import { createAgent } from "./index.ts";

const USAGE = "usage: stevedore-agent --endpoint URL [--cluster NAME] [--private-ip 127.x.y.z] [--docker-socket PATH]";

export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      endpoint: { type: "string" },
      cluster: { type: "string" },
      "private-ip": { type: "string", default: "127.0.0.1" },
      "docker-socket": { type: "string" },
    },
  });
  if (!values.endpoint) {
    console.error(USAGE);
    process.exit(2);
  }
  const region = process.env.AWS_REGION ?? DEFAULT_REGION;
  const cluster = values.cluster ?? process.env.ECS_CLUSTER;
  const agent = createAgent({
    endpoint: values.endpoint,
    ...(cluster ? { cluster } : {}),
    ...(values["docker-socket"] ? { dockerSocketPath: values["docker-socket"] } : {}),
    identity: {
      // Stable per host, so a restarted agent is the same instance to the server.
      instanceId: `i-${createHash("sha256").update(os.hostname()).digest("hex").slice(0, 17)}`,
      instanceType: DEFAULT_INSTANCE_TYPE,
      availabilityZone: availabilityZones(region)[0]!,
      privateIp: values["private-ip"],
      imageId: ECS_OPTIMIZED_AMI,
      region,
      accountId: DEFAULT_ACCOUNT_ID,
    },
    resources: { cpu: os.cpus().length * 1024, memoryMiB: Math.floor(os.totalmem() / (1024 * 1024)) },
  });
  const shutdown = () => void agent.stop().then(() => process.exit(0));
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  await agent.start();
}
