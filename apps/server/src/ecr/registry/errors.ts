/**
 * The registry's errors: the OCI distribution error codes, with the HTTP status and the message ECR
 * sends (the Docker CLI prints them as "<code in words>: <message>", e.g. "name unknown: The
 * repository with name 'web' does not exist in the registry with id '123456789012'").
 */
import { immutableTagMessage, repositoryNotFoundMessage } from "@stevedore/shared";

export class RegistryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail?: unknown,
    /** Extra response headers (WWW-Authenticate on 401). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const nameUnknown = (name: string, registryId: string) => new RegistryError(404, "NAME_UNKNOWN", repositoryNotFoundMessage(name, registryId));
export const nameInvalid = () => new RegistryError(400, "NAME_INVALID", "Invalid repository name");
export const manifestUnknown = () => new RegistryError(404, "MANIFEST_UNKNOWN", "Requested image not found");
export const manifestInvalid = (message: string) => new RegistryError(400, "MANIFEST_INVALID", message);
export const manifestBlobUnknown = (digest: string) =>
  new RegistryError(400, "MANIFEST_BLOB_UNKNOWN", `Manifest references ${digest} which does not exist in the repository`, { digest });
export const blobUnknown = (digest: string) => new RegistryError(404, "BLOB_UNKNOWN", `Layer with digest '${digest}' does not exist in the repository`, { digest });
export const uploadUnknown = () => new RegistryError(404, "BLOB_UPLOAD_UNKNOWN", "Upload does not exist or has expired");
export const uploadInvalid = (message: string, status = 400) => new RegistryError(status, "BLOB_UPLOAD_INVALID", message);
export const digestInvalid = (message: string) => new RegistryError(400, "DIGEST_INVALID", message);
export const sizeInvalid = (message: string, status = 400) => new RegistryError(status, "SIZE_INVALID", message);
export const tagInvalid = (message: string) => new RegistryError(400, "TAG_INVALID", message);
export const unsupported = (message: string, status = 405) => new RegistryError(status, "UNSUPPORTED", message);
export const denied = (message: string) => new RegistryError(403, "DENIED", message);
export const unauthorized = (message: string, challenge: string) =>
  new RegistryError(401, "UNAUTHORIZED", message, undefined, { "WWW-Authenticate": challenge });

export const immutableTag = (tag: string, repository: string) => tagInvalid(immutableTagMessage(tag, repository));
