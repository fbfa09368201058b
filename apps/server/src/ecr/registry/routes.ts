/**
 * The distribution API's paths (OCI distribution spec, "Endpoints"), parsed from the raw request
 * path. Each segment is decoded on its own, so an encoded `/` or `..` never becomes a path step, and
 * every name, reference, digest and upload id is checked against its pattern here, before anything
 * reaches the store, the disk or a response header.
 */
import { isImageTag, isRepositoryName, isSha256Digest } from "@stevedore/shared";
import { digestInvalid, nameInvalid, RegistryError, tagInvalid } from "./errors.ts";

export type Reference = { digest: string } | { tag: string };

export type Route =
  | { kind: "ping" }
  | { kind: "tags"; name: string }
  | { kind: "manifest"; name: string; reference: Reference }
  | { kind: "blob"; name: string; digest: string }
  | { kind: "uploads"; name: string }
  | { kind: "upload"; name: string; id: string }
  | { kind: "referrers"; name: string; digest: string };

const notFound = () => new RegistryError(404, "NOT_FOUND", "Not found");

export function parseRoute(rawPath: string): Route {
  const segments = rawPath.split("/").map(decodeSegment);
  if (segments[0] !== "" || segments[1] !== "v2") throw notFound();
  const rest = segments.slice(2);
  if (rest.length === 1 && rest[0] === "") return { kind: "ping" };
  const tail = (...words: string[]) => rest.length > words.length && words.every((w, i) => rest[rest.length - words.length + i] === w || w === "*");
  const nameOf = (n: number) => repositoryName(rest.slice(0, rest.length - n));
  const last = rest[rest.length - 1]!;
  if (tail("tags", "list")) return { kind: "tags", name: nameOf(2) };
  if (tail("blobs", "uploads", "*")) {
    return last === "" ? { kind: "uploads", name: nameOf(3) } : { kind: "upload", name: nameOf(3), id: uploadId(last) };
  }
  if (tail("manifests", "*")) return { kind: "manifest", name: nameOf(2), reference: reference(last) };
  if (tail("blobs", "*")) return { kind: "blob", name: nameOf(2), digest: digest(last) };
  if (tail("referrers", "*")) return { kind: "referrers", name: nameOf(2), digest: digest(last) };
  throw notFound();
}

function decodeSegment(segment: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    throw nameInvalid();
  }
  if (decoded.includes("/") || decoded === "." || decoded === "..") throw nameInvalid();
  return decoded;
}

function repositoryName(parts: string[]): string {
  const name = parts.join("/");
  if (!isRepositoryName(name)) throw nameInvalid();
  return name;
}

export function digest(value: string): string {
  if (!isSha256Digest(value)) throw digestInvalid(value.includes(":") ? "Only sha256 digests are supported" : "Invalid digest");
  return value;
}

function reference(value: string): Reference {
  if (value.includes(":")) return { digest: digest(value) };
  if (!isImageTag(value)) throw tagInvalid("Invalid tag");
  return { tag: value };
}

function uploadId(value: string): string {
  if (!/^[0-9a-f-]{36}$/.test(value)) throw new RegistryError(404, "BLOB_UPLOAD_UNKNOWN", "Upload does not exist or has expired");
  return value;
}
