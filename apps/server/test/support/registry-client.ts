/**
 * A raw client of a registry, for what the Docker CLI never sends: each request by hand to the
 * registry's listener with the Host the registry answers to, Basic auth with a registry password,
 * any header a hostile client may try.
 */
import { createHash, randomUUID } from "node:crypto";
import http from "node:http";
import type { TestServer } from "./test-server.ts";

export interface RegistryResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  json(): any;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  body?: Buffer | string | AsyncIterable<Buffer>;
  /** Sends no Authorization header. */
  anonymous?: boolean;
  /** The Host header (the registry's name by default). */
  host?: string;
}

export const sha256 = (data: Buffer | string) => `sha256:${createHash("sha256").update(data).digest("hex")}`;

/** Where a registry listens, the name it answers to, and a password for it. */
export interface RegistryTarget {
  host: string;
  port: number;
  address: string;
  password(): string;
}

/** A test server's registry, for its own account, with a password from the server's token issuer. */
export const testServerRegistry = (t: () => TestServer) => (): RegistryTarget => ({
  host: t().config.host,
  port: t().server.ctx.ecr.port,
  address: t().server.ctx.ecr.privateAddress(t().config.accountId),
  password: () => t().server.ctx.ecr.tokens.issue(t().config.accountId).password,
});

export function registryClient(target: () => RegistryTarget) {
  const address = () => target().address;
  const password = () => target().password();
  const basic = (pw: string) => `Basic ${Buffer.from(`AWS:${pw}`).toString("base64")}`;

  function request(method: string, path: string, options: RequestOptions = {}): Promise<RegistryResponse> {
    const headers: Record<string, string> = { Host: options.host ?? address(), ...(options.anonymous ? {} : { Authorization: basic(password()) }), ...options.headers };
    return new Promise((resolve, reject) => {
      const req = http.request({ host: target().host, port: target().port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode!, headers: res.headers, body, json: () => JSON.parse(body.toString()) });
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      const body = options.body;
      if (body === undefined || typeof body === "string" || Buffer.isBuffer(body)) req.end(body);
      else
        void (async () => {
          for await (const chunk of body) req.write(chunk);
          req.end();
        })().catch((err) => req.destroy(err));
    });
  }

  /** Uploads a blob whole (POST, then PUT with the digest); returns its digest. */
  async function pushBlob(name: string, data: Buffer): Promise<string> {
    const digest = sha256(data);
    const started = await request("POST", `/v2/${name}/blobs/uploads/`);
    if (started.status !== 202) throw new Error(`upload start: ${started.status} ${started.body}`);
    const location = new URL(String(started.headers.location), "http://registry");
    location.searchParams.set("digest", digest);
    const done = await request("PUT", `${location.pathname}${location.search}`, { body: data, headers: { "Content-Type": "application/octet-stream" } });
    if (done.status !== 201) throw new Error(`upload: ${done.status} ${done.body}`);
    return digest;
  }

  /** An OCI image of a config of its own and the given layers, pushed under `tag`; its manifest bytes and digest. */
  async function pushImage(name: string, tag: string, layers: Buffer[] = []) {
    const config = Buffer.from(JSON.stringify({ architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [] }, marker: randomUUID() }));
    const configDigest = await pushBlob(name, config);
    const layerDescriptors = [];
    for (const layer of layers) layerDescriptors.push({ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: await pushBlob(name, layer), size: layer.length });
    const manifest = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: configDigest, size: config.length }, layers: layerDescriptors }),
    );
    const res = await request("PUT", `/v2/${name}/manifests/${tag}`, { body: manifest, headers: { "Content-Type": OCI_MANIFEST } });
    if (res.status !== 201) throw new Error(`manifest: ${res.status} ${res.body}`);
    return { manifest, digest: sha256(manifest) };
  }

  return { address, password, basic, request, pushBlob, pushImage };
}

export const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
export const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
