/**
 * Stevedore's server: every AWS API and the console on one port. startServer migrates the database,
 * loads the identities, listens, then adopts what already runs: instances' agents and Auto Scaling groups.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express, { type NextFunction, type Request, type Response } from "express";
import { AGENT_LOGS_PATH, AGENT_POLL_PATH, AGENT_STATS_PATH, type AccountContainerSweep, type AgentFactory } from "@stevedore/shared";
import type { Config } from "./config.ts";
import { forAccount, forCaller, type ActionContext } from "./aws/context.ts";
import { createApi, sendError } from "./aws/api.ts";
import { AwsError } from "./aws/errors.ts";
import { openDb } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { accountsStore } from "./store/accounts.ts";
import { accountClients } from "./store/account-scope.ts";
import { claimUnownedRows } from "./store/upgrade.ts";
import { RawSql } from "./store/raw-sql.ts";
import { Identities, AuthFailure, type Caller } from "./identity/identities.ts";
import { agentCaller } from "./identity/agent-callers.ts";
import { handleSession, SESSION_PATH, sessionCookie } from "./identity/session-route.ts";
import { perimeter } from "./http/perimeter.ts";
import { finishDeletion } from "./autoscaling/actions.ts";
import { reconcileGroup } from "./autoscaling/reconcile-group.ts";
import { Fleet } from "./ec2/fleet.ts";
import { FargateHosts } from "./fargate/hosts.ts";
import { CapacityLoop } from "./capacity/capacity-loop.ts";
import { EmbeddedAgents } from "./agents/embedded-agents.ts";
import { Notifier } from "./agents/notifier.ts";
import { handleAgentPoll } from "./agents/poll-route.ts";
import { agentRoute } from "./agents/agent-route.ts";
import { consoleRoutes } from "./console/static.ts";
import { ServiceScheduler } from "./services/scheduler.ts";
import { ClusterStates } from "./ecs/cluster-state.ts";
import { handleLogBatch } from "./logs/ingest-route.ts";
import { handleStatsBatch } from "./metrics/ingest-route.ts";
import { handleTaskLogs } from "./logs/console-route.ts";
import { background } from "./background.ts";
import { API_SERVICES } from "./api-services.ts";
import { Janitor } from "./janitor.ts";
import { handleDataFolder } from "./console/data-folder-route.ts";
import { startRegistry } from "./ecr/registry/registry-server.ts";
import { LifecycleLoop } from "./ecr/lifecycle/lifecycle-loop.ts";
import { LoadBalancing } from "./elb/data-plane/load-balancing.ts";
import { handleLifecycleEvents, LIFECYCLE_EVENTS_PATH } from "./ecr/lifecycle/events-route.ts";
import { workshopAccountsStore } from "./store/workshop-accounts.ts";
import { AccountResets } from "./workshops/reset-account.ts";
import { ensureOperatorToken } from "./workshops/operator-token.ts";
import { LINK_SIGN_IN_PATH, linkSignInRoute, OPERATOR_PATH, operatorRouter } from "./workshops/operator-routes.ts";
import { TASK_GATEWAY_PATH, taskGateway } from "./workshops/task-gateway.ts";
import { restoreClock, startClockAt, useSeed } from "./reproducible.ts";

export interface RunningServer {
  url: string;
  ctx: ActionContext;
  /** The token of an embedded agent (by EC2 instance id): what tests call the agent routes with. */
  agentToken(ec2InstanceId: string): string | undefined;
  close(): Promise<void>;
}

/** The largest request body: ECR's image manifests go up to 4 MiB; nothing AWS takes is larger than this. */
const MAX_BODY = "8mb";

/** What the composition root hands the server: the parts it runs but does not own. */
export interface ServerParts {
  /** Makes the container agent of each virtual instance and Fargate host. */
  createAgent: AgentFactory;
  /** Removes an account's containers from Docker (its reset); without it a reset leaves them to their agents. */
  sweepAccountContainers?: AccountContainerSweep;
}

export async function startServer(config: Config, parts: ServerParts): Promise<RunningServer> {
  useSeed(config.seed);
  if (config.clockStart) startClockAt(config.clockStart);
  await migrate(config.dataDir);
  const db = openDb(config.dataDir);
  const sql = new RawSql(config.dataDir);
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await claimUnownedRows(db, config.accountId);
  const identities = new Identities(accountsStore(db), config);
  await identities.load();
  const operatorToken = ensureOperatorToken(config.dataDir);
  const workshopAccounts = workshopAccountsStore(db, sql);
  const resets = new AccountResets(workshopAccounts, parts.sweepAccountContainers);
  let url = "";
  const agents = new EmbeddedAgents(config, () => url, parts.createAgent);
  const dbFor = accountClients(db);
  const ecr = await startRegistry(config, db);
  const lifecycle = new LifecycleLoop(db, config.ecrLifecycleIntervalMs, () => ecr.gc.collectSoon());
  const ctx: ActionContext = {
    db: dbFor(config.accountId),
    allAccounts: db,
    dbFor,
    scope: { region: config.region, accountId: config.accountId },
    caller: identities.defaultCaller(),
    config,
    identities,
    notifier: new Notifier(),
    fleet: new Fleet(agents),
    fargate: new FargateHosts(agents),
    services: new ServiceScheduler(),
    clusterStates: new ClusterStates(),
    sql,
    ecr,
    elb: new LoadBalancing(config, db),
  };

  /** An API caller: an agent's token, a SigV4 signature, the console's session cookie, or (signatures not required) the default account. */
  async function authenticate(req: Request): Promise<Caller> {
    const caller = await identify(req);
    if (resets.isResetting(caller.accountId)) throw new AwsError("ThrottlingException", "The account is being reset. Try again in a moment.");
    return caller;
  }

  async function identify(req: Request): Promise<Caller> {
    const agent = await agentCaller(ctx, req.headers);
    if (agent) return agent;
    const verify = { method: req.method, url: req.originalUrl, headers: req.headers, body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0) };
    if (!identities.signaturesRequired() || req.headers.authorization) return identities.authenticate(verify);
    const session = await identities.fromSession(sessionCookie(req));
    if (!session) throw new AuthFailure("missing");
    return session;
  }

  const api = createApi(API_SERVICES, ctx, authenticate);
  const app = express();
  app.disable("x-powered-by");
  app.set("query parser", "simple");
  app.use(perimeter(config.allowedHosts, (req, res, reason) => refuse(req, res, new AwsError("AccessDeniedException", reason, 403))));
  const rawBody = express.raw({ type: () => true, limit: MAX_BODY });
  app.post("/", rawBody, (req, res) => api.handle(req, res));
  app.get("/", (req, res, next) => (req.query.Action ? api.handle(req, res) : next()));
  app.post(AGENT_POLL_PATH, rawBody, agentRoute("AgentPollRequest", ctx, handleAgentPoll));
  app.post(AGENT_LOGS_PATH, rawBody, agentRoute("AgentLogBatch", ctx, handleLogBatch));
  app.post(AGENT_STATS_PATH, rawBody, agentRoute("AgentStatsBatch", ctx, handleStatsBatch));
  app.all(SESSION_PATH, rawBody, (req, res) => handleSession(req, res, config, identities));
  app.post(LINK_SIGN_IN_PATH, ...linkSignInRoute({ ctx, identities, store: workshopAccounts }));
  app.use(OPERATOR_PATH, operatorRouter({ ctx, identities, store: workshopAccounts, resets, operatorToken, authenticate }));
  app.get("/stevedore/v1/clusters/:cluster/tasks/:task/logs", async (req, res) => {
    const caller = await authenticate(req).catch(() => undefined);
    if (!caller) return void res.status(403).json({ __type: "MissingAuthenticationTokenException", message: "Sign in to read task logs." });
    await handleTaskLogs(req, res, forCaller(ctx, caller));
  });
  app.get("/stevedore/v1/data-folder", async (req, res) => {
    const caller = await authenticate(req).catch(() => undefined);
    if (!caller) return void res.status(403).json({ __type: "MissingAuthenticationTokenException", message: "Sign in to see the data folder." });
    await handleDataFolder(res, forCaller(ctx, caller));
  });
  app.get(LIFECYCLE_EVENTS_PATH, async (req, res) => {
    const caller = await authenticate(req).catch(() => undefined);
    if (!caller) return void res.status(403).json({ __type: "MissingAuthenticationTokenException", message: "Sign in to read lifecycle events." });
    await handleLifecycleEvents(req, res, forCaller(ctx, caller));
  });
  app.use(TASK_GATEWAY_PATH, taskGateway(ctx, authenticate));
  app.get("/healthz", (_req, res) => res.json({ status: "ok" }));
  app.use(consoleRoutes(config.consoleDir, config.region, async (req) => (await authenticate(req).catch(() => undefined))?.accountId));
  // Last: whatever went wrong (a body too large, a malformed encoding, a bug) answers in AWS's shape, never an HTML page.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: number }).status;
    const e =
      status === 413
        ? new AwsError("RequestEntityTooLarge", `Request bodies are limited to ${MAX_BODY}.`, 413)
        : status && status >= 400 && status < 500
          ? new AwsError("SerializationException", "The request could not be read.", status)
          : new AwsError("ServerException", "An internal error occurred. Try again.", 500);
    if (e.status === 500) console.error("Unexpected error:", err);
    if (!res.headersSent) refuse(req, res, e);
  });

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
  const janitor = new Janitor();
  janitor.start(ctx);
  lifecycle.start();
  await ctx.elb.start();
  for (const g of await db.autoScalingGroup.findMany()) {
    const inAccount = forAccount(ctx, g.accountId);
    if (g.status) background(`deleting Auto Scaling group ${g.name}`, finishDeletion(inAccount, g.name));
    else await reconcileGroup(inAccount, g.name);
  }

  return {
    url,
    ctx,
    agentToken: (id) => agents.agentToken(id),
    async close() {
      ctx.services.stop();
      capacity.stop();
      janitor.stop();
      await lifecycle.stop();
      await ctx.fleet.close();
      ctx.notifier.releaseAll();
      await agents.stopAll();
      await ecr.close();
      await ctx.elb.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.$disconnect();
      sql.close();
      if (config.seed) useSeed(undefined);
      if (config.clockStart) restoreClock();
    },
  };
}

/** An error for any route, in the shape of the protocol the request speaks. */
function refuse(req: Request, res: Response, e: AwsError) {
  const form = String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded") || typeof req.query?.Action === "string";
  const protocol = typeof req.headers["x-amz-target"] === "string" || !form ? "json" : "query";
  sendError(res, protocol, e, crypto.randomUUID());
}
