/**
 * `npm start`'s last step: the composition root. It hands the control plane the container agent it
 * runs for virtual instances and Fargate hosts (the server never imports the agent package), then
 * serves until Ctrl-C. Task containers keep running and are adopted at the next start.
 */
import { accountSweep, createAgent } from "@stevedore/agent";
import { loadConfig, startServer } from "@stevedore/server";

const config = loadConfig();
const server = await startServer(config, { createAgent, sweepAccountContainers: accountSweep(config.dockerSocketPath) });
console.log(`Stevedore is ready at ${server.url} (data in ${config.dataDir})`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the server; running task containers keep running.`);
  await server.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

// The last line of defence: a failure nothing else caught is reported, and the server keeps serving.
process.on("unhandledRejection", (reason) => console.error("Stevedore caught a failure that nothing handled and keeps running:", reason));
process.on("uncaughtException", (err) => console.error("Stevedore caught an exception that nothing handled and keeps running:", err));
