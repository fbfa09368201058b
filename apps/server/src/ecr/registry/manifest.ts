/**
 * Image manifests as the registry accepts them: Docker v2 schema 2 manifests and manifest lists, OCI
 * image manifests and indexes. Pure: what a manifest is and what it refers to, or why it is refused.
 */
import { isSha256Digest } from "@stevedore/shared";
import { manifestInvalid, unsupported } from "./errors.ts";

export const MEDIA_TYPES = {
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociIndex: "application/vnd.oci.image.index.v1+json",
} as const;

const IMAGE_TYPES: readonly string[] = [MEDIA_TYPES.dockerManifest, MEDIA_TYPES.ociManifest];
const INDEX_TYPES: readonly string[] = [MEDIA_TYPES.dockerList, MEDIA_TYPES.ociIndex];
export const MANIFEST_MEDIA_TYPES: readonly string[] = [...IMAGE_TYPES, ...INDEX_TYPES];

/** Layers that live elsewhere (Windows base layers, OCI non-distributable): a manifest may name them without their blobs here. */
const FOREIGN_LAYER = /^application\/vnd\.(docker\.image\.rootfs\.foreign\.diff\.tar(\.gzip)?|oci\.image\.layer\.nondistributable\.v1\.tar(\+gzip|\+zstd)?)$/;

/** ECR's limit on the layers of one image ("Layers per image"). */
export const MAX_LAYERS = 127;

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
}

export interface ParsedManifest {
  mediaType: string;
  /** An image manifest (config and layers) or an index of other manifests. */
  kind: "image" | "index";
  /** The blobs that must be in the repository: the config and the layers that are not foreign. */
  blobs: Descriptor[];
  /** An index's manifests, which must be in the repository. */
  manifests: Descriptor[];
  /** The manifest this one refers to as an OCI referrer; it need not exist. */
  subject?: string;
  /** The manifest's artifactType, else an image's config media type (ECR's artifactMediaType). */
  artifactType?: string;
  /** An image's compressed size: the sum of its layers. */
  layersSize: number;
}

/**
 * Parses manifest bytes pushed with `contentType`. The media type is the manifest's own `mediaType`
 * when it has one (it must then agree with Content-Type), else the Content-Type.
 */
export function parseManifest(bytes: Buffer, contentType: string | undefined): ParsedManifest {
  let doc: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(bytes.toString("utf8"));
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error();
    doc = parsed as Record<string, unknown>;
  } catch {
    throw manifestInvalid("The manifest is not a JSON object");
  }
  const headerType = contentType?.split(";")[0]!.trim().toLowerCase();
  const mediaType = mediaTypeOf(doc, headerType);
  if (doc.schemaVersion !== 2) throw manifestInvalid(`Manifest schemaVersion must be 2, not ${JSON.stringify(doc.schemaVersion ?? null)}`);
  const subject = doc.subject === undefined ? undefined : descriptor(doc.subject, "subject").digest;
  const artifactType = typeof doc.artifactType === "string" ? doc.artifactType : undefined;

  if (INDEX_TYPES.includes(mediaType)) {
    const manifests = descriptors(doc.manifests, "manifests");
    return { mediaType, kind: "index", blobs: [], manifests, subject, artifactType, layersSize: 0 };
  }
  const config = descriptor(doc.config, "config");
  const layers = descriptors(doc.layers, "layers");
  if (layers.length > MAX_LAYERS) {
    throw unsupported("Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Limit on number of layers per image exceeded'");
  }
  const blobs = [config, ...layers.filter((l) => !FOREIGN_LAYER.test(l.mediaType))];
  const layersSize = layers.reduce((sum, l) => sum + l.size, 0);
  return { mediaType, kind: "image", blobs, manifests: [], subject, artifactType: artifactType ?? config.mediaType, layersSize };
}

function mediaTypeOf(doc: Record<string, unknown>, headerType: string | undefined): string {
  const own = doc.mediaType;
  if (own !== undefined && typeof own !== "string") throw manifestInvalid("The manifest's mediaType must be a string");
  const headerNamesManifest = headerType !== undefined && MANIFEST_MEDIA_TYPES.includes(headerType);
  if (own !== undefined && headerNamesManifest && own !== headerType) {
    throw manifestInvalid(`The manifest's mediaType '${own}' does not match the Content-Type '${headerType}'`);
  }
  // OCI manifests may leave mediaType out: an index has `manifests`, an image `config` and `layers`.
  const type = own ?? (headerNamesManifest ? headerType : Array.isArray(doc.manifests) ? MEDIA_TYPES.ociIndex : MEDIA_TYPES.ociManifest);
  if (!MANIFEST_MEDIA_TYPES.includes(type)) throw manifestInvalid(`The manifest media type '${type}' is not supported`);
  return type;
}

function descriptor(value: unknown, field: string): Descriptor {
  const d = value as Record<string, unknown> | null;
  if (!d || typeof d !== "object" || Array.isArray(d)) throw manifestInvalid(`The manifest's ${field} must be a descriptor`);
  if (typeof d.digest !== "string" || !isSha256Digest(d.digest)) throw manifestInvalid(`The manifest's ${field} has an invalid digest`);
  if (typeof d.size !== "number" || !Number.isSafeInteger(d.size) || d.size < 0) throw manifestInvalid(`The manifest's ${field} has an invalid size`);
  if (typeof d.mediaType !== "string") throw manifestInvalid(`The manifest's ${field} has no mediaType`);
  return { mediaType: d.mediaType, digest: d.digest, size: d.size };
}

function descriptors(value: unknown, field: string): Descriptor[] {
  if (!Array.isArray(value)) throw manifestInvalid(`The manifest's ${field} must be a list`);
  return value.map((d, i) => descriptor(d, `${field}[${i}]`));
}
