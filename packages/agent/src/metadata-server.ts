/**
 * The task metadata endpoint (v4, and v3 at the same place): GET /v4/<token> answers the container's
 * metadata, GET /v4/<token>/task its task's. One server per process, shared by every agent in it;
 * each registers the tokens of its containers with a function that describes them.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type MetadataSource = (token: string) => Promise<{ container: unknown; task: unknown } | undefined>;

const ROUTE = /^\/v[34]\/([A-Za-z0-9-]+)(\/task)?\/?$/;

export class MetadataServer {
  private readonly sources = new Map<string, MetadataSource>();
  private readonly server = http.createServer((req, res) => void this.answer(req, res));

  private constructor() {}

  /** Listens on `host`, on `preferredPort` when free (so running containers' URIs keep working), else any. */
  static async listen(host: string, preferredPort = 0): Promise<MetadataServer> {
    const metadata = new MetadataServer();
    await bind(metadata.server, host, preferredPort).catch(() => bind(metadata.server, host, 0));
    metadata.server.unref(); // it serves containers; it must not keep an otherwise finished process alive
    return metadata;
  }

  get baseUrl(): string {
    const { address, port } = this.server.address() as AddressInfo;
    return `http://${address}:${port}`;
  }

  register(token: string, source: MetadataSource): void {
    this.sources.set(token, source);
  }

  unregister(token: string): void {
    this.sources.delete(token);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async answer(req: http.IncomingMessage, res: http.ServerResponse) {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const match = req.method === "GET" ? ROUTE.exec(new URL(req.url ?? "/", "http://x").pathname) : null;
    const token = match?.[1];
    const source = token ? this.sources.get(token) : undefined;
    if (!token || !source) return send(404, { error: "not found" });
    try {
      const found = await source(token);
      if (!found) return send(404, { error: "not found" });
      send(200, match?.[2] ? found.task : found.container);
    } catch (err) {
      send(500, { error: String((err as Error)?.message ?? err) });
    }
  }
}

function bind(server: http.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

let shared: Promise<MetadataServer> | undefined;

/** The process's metadata server, opened by the first caller; a failed open is retried by the next. */
export function sharedMetadataServer(open: () => Promise<MetadataServer>): Promise<MetadataServer> {
  shared ??= open().catch((err: unknown) => {
    shared = undefined;
    throw err;
  });
  return shared;
}
