/** Requests exactly as a browser, a hostile page or a hand-rolled client would send them: any Host, Origin or body. */
import http from "node:http";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function rawRequest(url: string, opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, method: opts.method ?? "POST", path: opts.path ?? "/", headers: { ...(opts.body !== undefined ? { "content-length": String(Buffer.byteLength(opts.body)) } : {}), ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export const ECS_JSON = (action: string) => ({ "content-type": "application/x-amz-json-1.1", "x-amz-target": `AmazonEC2ContainerServiceV20141113.${action}` });
export const FORM = { "content-type": "application/x-www-form-urlencoded; charset=utf-8" };

/** Signs a request with SigV4 as an SDK would, at `signingDate`, and returns its headers. */
export async function signedHeaders(
  url: string,
  opts: { service: string; body: string; headers: Record<string, string>; accessKeyId: string; secretAccessKey: string; signingDate?: Date },
): Promise<Record<string, string>> {
  const u = new URL(url);
  const signer = new SignatureV4({ credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey }, region: "us-east-1", service: opts.service, sha256: Hash.bind(null, "sha256") });
  const signed = await signer.sign(
    { method: "POST", protocol: "http:", hostname: u.hostname, port: Number(u.port), path: "/", query: {}, headers: { ...opts.headers, host: u.host }, body: opts.body },
    opts.signingDate ? { signingDate: opts.signingDate } : {},
  );
  return signed.headers as Record<string, string>;
}
