/**
 * The API and console listener's perimeter (README "Security model"): it answers only to loopback host
 * names and those the operator allows (no DNS rebinding), refuses every cross-site request (a web page
 * on another origin can neither call the API nor read anything; a cross-site link may still open a
 * console page), and may only be framed by its own pages.
 */
import type { NextFunction, Request, Response } from "express";
import { isLoopbackHost } from "../identity/identities.ts";

export interface PerimeterRequest {
  method: string;
  path: string;
  host?: string;
  origin?: string;
  secFetchSite?: string;
  secFetchMode?: string;
  secFetchDest?: string;
}

/** `host[:port]` → host, lower-case, without IPv6 brackets. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(1, h.indexOf("]") > 0 ? h.indexOf("]") : undefined);
  return h.replace(/:\d+$/, "");
}

/** Loopback names, *.localhost (browsers resolve it to loopback only), and the operator's names (`*.example.org` allowed). */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const name = hostName(host);
  if (!name || /[^a-z0-9.:_-]/.test(name)) return false;
  if (isLoopbackHost(name) || name.endsWith(".localhost")) return true;
  return allowed.some((a) => (a.startsWith("*.") ? name.endsWith(a.slice(1)) && name.length > a.length - 1 : a === name));
}

/** Why the request is refused, or undefined when it may pass. */
export function perimeterVerdict(req: PerimeterRequest, allowedHosts: readonly string[]): string | undefined {
  if (!req.host || !hostAllowed(req.host, allowedHosts)) {
    return `Stevedore does not answer to the host name '${req.host ?? ""}'. It answers to loopback names and to the names its operator allows (STEVEDORE_ALLOWED_HOSTS).`;
  }
  const crossSite = req.secFetchSite !== undefined && req.secFetchSite !== "same-origin" && req.secFetchSite !== "none";
  // A link from another site may open a console page (it carries no data and no credentials' effect).
  const navigation = (req.method === "GET" || req.method === "HEAD") && req.secFetchMode === "navigate" && req.secFetchDest === "document" && !isApiPath(req.path);
  if (crossSite && !navigation) return "Stevedore refuses requests from other sites' pages.";
  if (req.origin !== undefined) {
    let originHost: string | undefined;
    try {
      originHost = req.origin === "null" ? undefined : new URL(req.origin).host.toLowerCase();
    } catch {
      originHost = undefined;
    }
    if (originHost !== req.host.trim().toLowerCase()) return "Stevedore refuses requests from other origins' pages.";
  }
  return undefined;
}

const isApiPath = (path: string) => path.startsWith("/stevedore/") || path.startsWith("/agent/") || path.startsWith("/v2/");

export function perimeter(allowedHosts: readonly string[], refuse: (req: Request, res: Response, reason: string) => void) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader("X-Frame-Options", "SAMEORIGIN");
    res.setHeader("Content-Security-Policy", "frame-ancestors 'self'");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    const header = (name: string) => {
      const v = req.headers[name];
      return typeof v === "string" ? v : undefined;
    };
    const reason = perimeterVerdict(
      {
        method: req.method,
        path: req.path,
        ...opt("host", header("host")),
        ...opt("origin", header("origin")),
        ...opt("secFetchSite", header("sec-fetch-site")),
        ...opt("secFetchMode", header("sec-fetch-mode")),
        ...opt("secFetchDest", header("sec-fetch-dest")),
      },
      allowedHosts,
    );
    if (reason) refuse(req, res, reason);
    else next();
  };
}

const opt = <K extends string>(key: K, value: string | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, string>));
