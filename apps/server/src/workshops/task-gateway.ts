/**
 * The task gateway: a task's published port through the server's own address, for students whose
 * browsers sit on laptops (the tasks publish on the lab machine's loopback addresses, which a laptop
 * cannot reach). `/stevedore/v1/gateway/tasks/<task id>/<container port>/<path>` forwards to the
 * task's binding of that port, for the task's own account only (by signature or console session).
 *
 * A task's page is the student's own code served on the console's origin: it is sandboxed (an opaque
 * origin, so its scripts cannot call the API with the student's session), and it never receives the
 * student's cookie or authorization.
 */
import http from "node:http";
import type { Request, Response } from "express";
import type { Container } from "@stevedore/shared";
import type { ActionContext } from "../aws/context.ts";
import type { Caller } from "../identity/identities.ts";
import { forCaller } from "../aws/context.ts";

export const TASK_GATEWAY_PATH = "/stevedore/v1/gateway/tasks";

/** Headers that belong to one hop, or to the student's session with Stevedore. */
const NOT_FORWARDED = new Set(["host", "cookie", "authorization", "connection", "keep-alive", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "origin"]);
const NOT_RETURNED = new Set(["connection", "keep-alive", "transfer-encoding", "set-cookie", "content-security-policy", "x-frame-options"]);

export function taskGateway(base: ActionContext, authenticate: (req: Request) => Promise<Caller>) {
  return async (req: Request, res: Response): Promise<void> => {
    const refuse = (status: number, code: string, message: string) => void res.status(status).json({ __type: code, message });
    // req.url is what follows the mount path: /<task id>/<container port>/<rest>
    const match = /^\/([0-9a-f]{32})\/(\d{1,5})(\/[^?#]*)?(\?.*)?$/.exec(req.url);
    if (!match) return refuse(404, "ResourceNotFoundException", "Use /stevedore/v1/gateway/tasks/<task id>/<container port>/<path>.");
    // The page's relative links need its directory: /80 → /80/
    if (match[3] === undefined) return void res.redirect(308, `${req.originalUrl.split("?")[0]}/${match[4] ?? ""}`);
    const caller = await authenticate(req).catch(() => undefined);
    if (!caller || caller.agent) return refuse(403, "MissingAuthenticationTokenException", "Sign in to open your tasks' pages.");
    const ctx = forCaller(base, caller);
    const [, taskId, port, rest = "/", query = ""] = match;
    const task = await ctx.db.task.findFirst({ where: { id: taskId!, lastStatus: "RUNNING" } });
    const binding = task && (JSON.parse(task.containers) as Container[]).flatMap((c) => c.networkBindings ?? []).find((b) => b.containerPort === Number(port) && b.protocol !== "udp");
    if (!binding) return refuse(404, "ResourceNotFoundException", `No running task ${taskId} of this account publishes TCP port ${port}.`);

    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) if (!NOT_FORWARDED.has(name) && value !== undefined) headers[name] = value;
    headers.host = `${binding.bindIP}:${binding.hostPort}`;
    headers["x-forwarded-prefix"] = `${TASK_GATEWAY_PATH}/${taskId}/${port}`;
    const upstream = http.request({ host: binding.bindIP, port: binding.hostPort, method: req.method, path: `${rest}${query}`, headers, timeout: 30_000 }, (answer) => {
      const out: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(answer.headers)) if (!NOT_RETURNED.has(name) && value !== undefined) out[name] = value;
      // The page keeps working as a page, in an opaque origin of its own.
      out["content-security-policy"] = "sandbox allow-scripts allow-forms allow-popups allow-modals";
      out["cache-control"] ??= "no-store";
      res.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(res);
    });
    upstream.on("timeout", () => upstream.destroy(new Error("the task did not answer within 30 s")));
    upstream.on("error", (err) => {
      if (res.headersSent) return void res.destroy();
      refuse(502, "BadGateway", `The task's port ${port} (${binding.bindIP}:${binding.hostPort}) did not answer: ${err.message}`);
    });
    req.pipe(upstream);
  };
}
