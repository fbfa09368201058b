/**
 * Verifying AWS Signature Version 4 (the Authorization header the AWS CLI and SDKs send): the
 * signature is computed again with @smithy/signature-v4 over exactly the headers the client signed,
 * and compared in constant time. The clock may differ by up to 15 minutes, as AWS allows.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { realNow } from "../reproducible.ts";

export interface ParsedAuthorization {
  accessKeyId: string;
  /** YYYYMMDD, region and service of the credential scope. */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export interface RequestToVerify {
  method: string;
  /** Path and query as received: `/`, `/?Action=...`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type Verdict = { ok: true } | { ok: false; reason: "mismatch" | "expired" | "incomplete"; message?: string };

const MAX_SKEW_MS = 15 * 60 * 1000;
const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  const m = header ? AUTH.exec(header.trim()) : null;
  if (!m) return undefined;
  return { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, service: m[4]!, signedHeaders: m[5]!.split(";"), signature: m[6]! };
}

/** `20261207T150405Z` → Date, or undefined. */
function amzDate(text: string | undefined): Date | undefined {
  const m = text ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text) : null;
  if (!m) return undefined;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const header = (h: RequestToVerify["headers"], name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v.join(",") : v;
};

export async function verifySignature(req: RequestToVerify, auth: ParsedAuthorization, secretAccessKey: string, now = new Date(realNow())): Promise<Verdict> {
  const dateText = header(req.headers, "x-amz-date");
  const signingDate = amzDate(dateText);
  if (!signingDate || !auth.signedHeaders.includes("host")) {
    return { ok: false, reason: "incomplete", message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header, and 'host' among the signed headers." };
  }
  if (signingDate.getTime() < now.getTime() - MAX_SKEW_MS) {
    return { ok: false, reason: "expired", message: `Signature expired: ${dateText} is now earlier than ${stamp(new Date(now.getTime() - MAX_SKEW_MS))} (${stamp(now)} - 15 min.)` };
  }
  if (signingDate.getTime() > now.getTime() + MAX_SKEW_MS) {
    return { ok: false, reason: "expired", message: `Signature not yet current: ${dateText} is still later than ${stamp(new Date(now.getTime() + MAX_SKEW_MS))} (${stamp(now)} + 15 min.)` };
  }
  // A client may sign its payload's hash as a header; it must then be the hash of this payload.
  const declared = header(req.headers, "x-amz-content-sha256");
  if (declared !== undefined && declared !== createHash("sha256").update(req.body).digest("hex")) return { ok: false, reason: "mismatch" };

  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = header(req.headers, name);
    if (value === undefined) return { ok: false, reason: "mismatch" };
    headers[name] = value;
  }
  const url = new URL(req.url, "http://stevedore.invalid");
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey },
    region: auth.region,
    service: auth.service,
    sha256: Hash.bind(null, "sha256"),
    applyChecksum: false,
  });
  const signed = await signer.sign(
    { method: req.method, protocol: "http:", hostname: headers.host ?? "", path: url.pathname, query, headers, body: req.body },
    { signingDate, signableHeaders: new Set(auth.signedHeaders) },
  );
  const expected = parseAuthorization(String(signed.headers.authorization ?? signed.headers.Authorization ?? ""))?.signature ?? "";
  const match = expected.length === auth.signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(auth.signature));
  return match ? { ok: true } : { ok: false, reason: "mismatch" };
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
