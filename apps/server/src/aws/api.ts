/**
 * POST / (and the Query protocol's GET /?Action=...): every AWS API request. Finds the service and
 * operation (X-Amz-Target for JSON 1.1, Action and Version for Query), authenticates the caller,
 * decodes the input against AWS's model of the operation, runs its handler in the caller's account,
 * and writes the result or the error in the protocol's own shape. Nothing escapes as a 500 page.
 */
import { randomUUID } from "node:crypto";
import type { Request, Response } from "express";
import { decodeShape } from "@stevedore/shared/aws/decode";
import { queryInput } from "@stevedore/shared/aws/query-decode";
import { AuthFailure, type Caller } from "../identity/identities.ts";
import { authError } from "../identity/auth-errors.ts";
import { AGENT_OPERATIONS } from "../identity/agent-callers.ts";
import { AwsError } from "./errors.ts";
import { forCaller, type ActionContext } from "./context.ts";
import type { AwsService, Protocol } from "./service.ts";
import { errorXml, outputXml } from "./xml.ts";

interface Call {
  protocol: Protocol;
  service?: AwsService;
  operation: string;
  /** The input as the protocol carries it, before the model's checks. */
  raw(): unknown;
}

export interface Api {
  handle(req: Request, res: Response): Promise<void>;
}

export function createApi(services: readonly AwsService[], base: ActionContext, authenticate: (req: Request) => Promise<Caller>): Api {
  const byTarget = new Map(services.filter((s) => s.protocol === "json").map((s) => [s.model.metadata.targetPrefix!, s]));
  const queryServices = services.filter((s) => s.protocol !== "json");

  function detect(req: Request): Call | undefined {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const target = req.headers["x-amz-target"];
    if (typeof target === "string") {
      const dot = target.lastIndexOf(".");
      const service = byTarget.get(target.slice(0, dot));
      return { protocol: "json", ...(service ? { service } : {}), operation: target.slice(dot + 1), raw: () => parseJson(body) };
    }
    const form = String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");
    const url = new URL(req.originalUrl, "http://stevedore.invalid");
    if (!form && !url.searchParams.has("Action")) return undefined;
    const params = new URLSearchParams(form ? body.toString("utf8") : "");
    for (const [k, v] of url.searchParams) if (!params.has(k)) params.set(k, v);
    const operation = params.get("Action") ?? "";
    const version = params.get("Version");
    const has = (s: AwsService) => Object.hasOwn(s.model.operations, operation) && !!s.handler(operation);
    const service = queryServices.find((s) => s.model.metadata.apiVersion === version && has(s)) ?? queryServices.find(has);
    const protocol = service?.protocol ?? "query";
    const rest = [...params].filter(([k]) => k !== "Action" && k !== "Version");
    return {
      protocol,
      ...(service ? { service } : {}),
      operation,
      raw: () => (service ? queryInput(service.model, service.model.operations[operation]!.input ?? "", rest, protocol === "ec2" ? "ec2" : "query") : {}),
    };
  }

  return {
    async handle(req, res) {
      const requestId = randomUUID();
      const call = detect(req);
      if (!call) {
        sendError(res, "json", new AwsError("MissingAuthenticationTokenException", "Missing X-Amz-Target header or form-encoded Action."), requestId);
        return;
      }
      try {
        const caller = await authenticate(req).catch((err: unknown) => {
          throw err instanceof AuthFailure ? authError(err, call.protocol) : err;
        });
        const { service, operation } = call;
        const handler = service?.handler(operation);
        const op = service && Object.hasOwn(service.model.operations, operation) ? service.model.operations[operation] : undefined;
        if (!service || !handler || !op) throw unknownOperation(call);
        if (caller.agent && !(service.name === "ecs" && AGENT_OPERATIONS.has(operation))) {
          throw new AwsError("AccessDeniedException", `An agent's token is not a principal that may call ${operation}.`);
        }
        const input = decodeInput(service, op.input, call);
        const output = await handler(input, forCaller(base, caller));
        sendResult(res, service, operation, output, requestId);
      } catch (err) {
        sendError(res, call.protocol, toAwsError(err), requestId, call.service);
      }
    },
  };
}

function unknownOperation(call: Call): AwsError {
  if (call.protocol === "json") return new AwsError("UnknownOperationException", `Unknown operation ${call.operation}`);
  return new AwsError("InvalidAction", `The action ${call.operation} is not valid for this web service.`);
}

function parseJson(body: Buffer): unknown {
  const text = body.toString("utf8");
  if (!text.trim()) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed;
  } catch {
    // reported below
  }
  throw new AwsError("SerializationException", "The request body is not a JSON object.");
}

function decodeInput(service: AwsService, shape: string | undefined, call: Call): unknown {
  if (!shape) return {};
  const result = decodeShape(service.model, shape, call.raw(), { paths: service.issuePaths });
  if (!result.ok) throw service.rejectInput(result.issues);
  return result.value;
}

/**
 * Timestamps travel as epoch seconds with fractions in AWS JSON. The replacer reads the holder's own
 * value: JSON.stringify hands it a Date already turned into its ISO string by Date's toJSON.
 */
function jsonDates(this: unknown, key: string, value: unknown): unknown {
  const own = (this as Record<string, unknown>)[key];
  return own instanceof Date ? own.getTime() / 1000 : value;
}

function sendResult(res: Response, service: AwsService, operation: string, output: unknown, requestId: string) {
  res.setHeader("x-amzn-RequestId", requestId);
  if (service.protocol === "json") {
    res.status(200).type("application/x-amz-json-1.1").send(JSON.stringify(output ?? {}, jsonDates));
  } else {
    res.status(200).type("text/xml").send(outputXml(service.model, operation, output, requestId, service.protocol));
  }
}

export function sendError(res: Response, protocol: Protocol, e: AwsError, requestId: string, service?: AwsService) {
  res.setHeader("x-amzn-RequestId", requestId);
  if (protocol === "json") {
    res.status(e.status).setHeader("x-amzn-errortype", e.code);
    res.type("application/x-amz-json-1.1").send(JSON.stringify({ __type: e.code, message: e.message }));
  } else {
    res.status(e.status).type("text/xml").send(errorXml(protocol, e.code, e.message, e.status, requestId, service?.model.metadata.xmlNamespace));
  }
}

export function toAwsError(err: unknown): AwsError {
  if (err instanceof AwsError) return err;
  console.error("Internal error:", err);
  return new AwsError("ServerException", "An internal error occurred. Try again.", 500);
}
