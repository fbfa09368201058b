/** What the load balancer tests share: an ELBv2 SDK client, HTTP through a load balancer, and test targets. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { credentials, type TestServer } from "./test-server.ts";

export const elbClient = (t: TestServer) => new ElasticLoadBalancingV2Client({ endpoint: t.server.url, region: t.config.region, credentials });

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One request to a host name (resolved as curl and browsers do, through the hosts file), on a fresh
 * connection, its path sent as written (no URL parser re-encodes it).
 */
export function get(url: string, headers: Record<string, string> = {}, method = "GET"): Promise<Reply> {
  const m = /^http:\/\/([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!m) throw new Error(`not an http URL: ${url}`);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: m[1], port: Number(m[2] ?? 80), path: m[3] ?? "/", method, headers, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/**
 * A target: an HTTP server on an instance's loopback address that names itself, whose health path
 * can be made to fail, and whose /slow answers when told to.
 */
export class TestTarget {
  healthStatus = 200;
  requests = 0;
  lastHeaders: http.IncomingHttpHeaders = {};
  private slow: Array<() => void> = [];
  private readonly server: http.Server;
  port = 0;

  constructor(
    readonly name: string,
    readonly address: string,
  ) {
    this.server = http.createServer((req, res) => {
      if (req.url === "/health") {
        res.writeHead(this.healthStatus).end("health");
        return;
      }
      this.requests++;
      this.lastHeaders = req.headers;
      if (req.url === "/slow") {
        this.slow.push(() => res.end(`slow from ${this.name}`));
        return;
      }
      res.end(`${this.name} ${req.url}`);
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, this.address, resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Whether a slow request is waiting. */
  get waiting() {
    return this.slow.length;
  }

  finishSlow() {
    for (const f of this.slow.splice(0)) f();
  }

  close() {
    this.server.closeAllConnections();
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
