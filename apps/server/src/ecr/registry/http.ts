/** Small pieces of HTTP the registry's handlers share: error bodies, bounded bodies, byte ranges. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { RegistryError, sizeInvalid } from "./errors.ts";
import type { ByteRange } from "./blob-store.ts";

/** Writes the OCI error body (none for HEAD). A request whose body is unread closes its connection rather than draining it. */
export function sendError(req: IncomingMessage, res: ServerResponse, err: RegistryError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ errors: [{ code: err.code, message: err.message, ...(err.detail !== undefined ? { detail: err.detail } : {}) }] });
  res.statusCode = err.status;
  for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v);
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(body));
  if (!req.readableEnded) res.setHeader("Connection", "close");
  res.end(req.method === "HEAD" ? undefined : body);
}

export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(body), ...headers });
  res.end(req.method === "HEAD" ? undefined : body);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string | number> = {}): void {
  res.writeHead(status, { "Content-Length": 0, ...headers });
  res.end();
}

/** The whole body, refused with 413 past `limit` bytes (by its Content-Length before reading, or as it arrives). */
export async function readBody(req: IncomingMessage, limit: number, what: string): Promise<Buffer> {
  const tooLarge = () => sizeInvalid(`The ${what} exceeds the maximum size of ${limit} bytes`, 413);
  if (Number(req.headers["content-length"] ?? 0) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * A `Range: bytes=...` header against a blob of `size` bytes: undefined for the whole blob (no
 * header, or several ranges, which may be served whole), "unsatisfiable" for a range outside it.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined | "unsatisfiable" {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return undefined;
  const [, from = "", to = ""] = m;
  if (from === "" && to === "") return undefined;
  if (from === "") {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}

/** The `Range` header of an upload of `size` bytes so far (distribution writes 0-0 for an empty one). */
export const uploadRange = (size: number) => `0-${Math.max(0, size - 1)}`;
