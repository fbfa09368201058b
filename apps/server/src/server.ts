/**
 * Stevedore's server: every AWS API and the console on one port. startServer migrates the database,
 * listens, then adopts what already runs: instances' agents and Auto Scaling groups.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import type { Config } from "./config.ts";
import type { ActionContext } from "./aws/context.ts";
import { handleJsonRequest, isJsonRequest } from "./aws/json-protocol.ts";
import { handleQueryRequest, isQueryRequest, readQueryParams } from "./aws/query-protocol.ts";
import { openDb } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { ecsActions, ecsPrefix } from "./ecs/index.ts";
import { autoScalingService, finishDeletion } from "./autoscaling/actions.ts";
import { reconcileGroup } from "./autoscaling/reconcile-group.ts";
import { ec2Service } from "./ec2/service.ts";
import { Fleet } from "./ec2/fleet.ts";
import { FargateHosts } from "./fargate/hosts.ts";
import { CapacityLoop } from "./capacity/capacity-loop.ts";
import { EmbeddedAgents } from "./agents/embedded-agents.ts";
import { Notifier } from "./agents/notifier.ts";
import { handleAgentPoll } from "./agents/poll-route.ts";
import { AGENT_LOGS_PATH, AGENT_POLL_PATH, AGENT_STATS_PATH } from "@stevedore/shared";
import { consoleRoutes } from "./console/static.ts";
import { ServiceScheduler } from "./services/scheduler.ts";
import { logsActions } from "./logs/actions.ts";
import { handleLogBatch } from "./logs/ingest-route.ts";
import { cloudWatchService } from "./metrics/actions.ts";
import { handleStatsBatch } from "./metrics/ingest-route.ts";
import { handleTaskLogs } from "./logs/console-route.ts";

export interface RunningServer {
  url: string;
  ctx: ActionContext;
  close(): Promise<void>;
}

export async function startServer(config: Config): Promise<RunningServer> {
  await migrate(config.dataDir);
  const db = openDb(config.dataDir);
  let url = "";
  const agents = new EmbeddedAgents(config, () => url);
  const ctx: ActionContext = {
    db,
    scope: { region: config.region, accountId: config.accountId },
    config,
    notifier: new Notifier(),
    fleet: new Fleet(agents),
    fargate: new FargateHosts(agents),
    services: new ServiceScheduler(),
  };

  const app = express();
  app.disable("x-powered-by");
  const rawBody = express.raw({ type: () => true, limit: "20mb" });
  const jsonServices = { [ecsPrefix]: ecsActions, Logs_20140328: logsActions };
  const queryServices = [autoScalingService, ec2Service, cloudWatchService];
  app.post("/", rawBody, async (req, res) => {
    if (isJsonRequest(req)) return handleJsonRequest(req, res, jsonServices, ctx);
    if (isQueryRequest(req)) return handleQueryRequest(res, readQueryParams(req), queryServices, ctx);
    res.status(400).json({ __type: "MissingAuthenticationTokenException", message: "Missing X-Amz-Target header or form-encoded Action." });
  });
  app.post(AGENT_POLL_PATH, rawBody, (req, res) => handleAgentPoll(req, res, ctx));
  app.post(AGENT_LOGS_PATH, rawBody, (req, res) => handleLogBatch(req, res, ctx));
  app.post(AGENT_STATS_PATH, rawBody, (req, res) => handleStatsBatch(req, res, ctx));
  app.get("/stevedore/v1/clusters/:cluster/tasks/:task/logs", (req, res) => handleTaskLogs(req, res, ctx));
  app.get("/healthz", (_req, res) => res.json({ status: "ok" }));
  app.use(consoleRoutes(config.consoleDir, config.region));

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${config.host}:${port}`;

  await ctx.fleet.adopt(ctx);
  await ctx.fargate.adopt(ctx);
  ctx.services.start(ctx);
  const capacity = new CapacityLoop();
  capacity.start(ctx);
  for (const g of await db.autoScalingGroup.findMany()) {
    if (g.status) void finishDeletion(ctx, g.name);
    else await reconcileGroup(ctx, g.name);
  }

  return {
    url,
    ctx,
    async close() {
      ctx.services.stop();
      capacity.stop();
      await ctx.fleet.close();
      ctx.notifier.releaseAll();
      await agents.stopAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.$disconnect();
    },
  };
}
