/**
 * AWS JSON 1.1: POST / with `X-Amz-Target: <ServicePrefix>.<Action>` and a JSON body. Dispatches to
 * one function per action and writes AWS's error shape ({"__type", "message"}).
 */
import type { Request, Response } from "express";
import { AwsError } from "./errors.ts";
import type { Action, ActionContext } from "./context.ts";

export type ActionTable = Record<string, Action>;

export function isJsonRequest(req: Request): boolean {
  return typeof req.headers["x-amz-target"] === "string";
}

export async function handleJsonRequest(
  req: Request,
  res: Response,
  services: Record<string, ActionTable>,
  ctx: ActionContext,
): Promise<void> {
  const target = String(req.headers["x-amz-target"]);
  const [prefix = "", actionName = ""] = target.split(".");
  res.type("application/x-amz-json-1.1");
  try {
    const action = services[prefix]?.[actionName];
    if (!action) throw new AwsError("UnknownOperationException", `Unknown operation ${target}`);
    const input = parseBody(req.body);
    const output = await action(input, ctx);
    res.status(200).send(JSON.stringify(output ?? {}, jsonDates));
  } catch (err) {
    const e = toAwsError(err);
    res.status(e.status).setHeader("x-amzn-errortype", e.code);
    res.send(JSON.stringify({ __type: e.code, message: e.message }));
  }
}

function parseBody(body: unknown): Record<string, unknown> {
  const text = Buffer.isBuffer(body) ? body.toString("utf8") : typeof body === "string" ? body : "";
  if (!text.trim()) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new AwsError("SerializationException", "The request body is not a JSON object.");
}

/** Timestamps travel as epoch seconds with fractions in AWS JSON. */
function jsonDates(this: unknown, _key: string, value: unknown): unknown {
  return value instanceof Date ? value.getTime() / 1000 : value;
}

export function toAwsError(err: unknown): AwsError {
  if (err instanceof AwsError) return err;
  console.error(err);
  return new AwsError("ServerException", "An internal error occurred. Try again.", 500);
}
