/**
 * The agent routes' edge: JSON only, the body decoded against the agent protocol's model, and the
 * caller proven by its agent token. A handler gets the typed body and the host the agent runs.
 */
import type { Request, Response } from "express";
import { AGENT_MODEL, decodeShape, validationMessage } from "@stevedore/shared";
import { forCaller, type ActionContext } from "../aws/context.ts";
import { agentCaller, type AgentPrincipal } from "../identity/agent-callers.ts";
import { AuthFailure } from "../identity/identities.ts";

export type AgentRouteHandler<T> = (input: T, agent: AgentPrincipal, res: Response, ctx: ActionContext) => Promise<void>;

const refuse = (res: Response, status: number, code: string, message: string) => res.status(status).json({ __type: code, message });

export function agentRoute<T>(shape: string, ctx: ActionContext, handler: AgentRouteHandler<T>) {
  return async (req: Request, res: Response): Promise<void> => {
    // A cross-site form can send text/plain, never application/json.
    if (!String(req.headers["content-type"] ?? "").startsWith("application/json")) return void refuse(res, 415, "UnsupportedMediaType", "Agent requests are application/json.");
    const caller = await agentCaller(ctx, req.headers).catch((err: unknown) => {
      if (err instanceof AuthFailure) return undefined;
      throw err;
    });
    if (!caller?.agent) return void refuse(res, 403, "AccessDeniedException", "Agent requests carry the agent token issued at registration.");
    let body: unknown;
    try {
      body = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "");
    } catch {
      return void refuse(res, 400, "SerializationException", "The request body is not valid JSON.");
    }
    const decoded = decodeShape<T>(AGENT_MODEL, shape, body);
    if (!decoded.ok) return void refuse(res, 400, "InvalidParameterException", validationMessage(decoded.issues));
    await handler(decoded.value, caller.agent, res, forCaller(ctx, caller));
  };
}
