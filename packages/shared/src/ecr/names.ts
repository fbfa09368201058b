/**
 * ECR's names, written once for the server (API and registry) and the console's forms: repository
 * names, image tags and digests, with the limits AWS documents.
 */

/**
 * ECR's repository name pattern (the RepositoryName shape of its API model, the OCI distribution
 * spec's): lowercase components joined by `.`, `_`, `__` or dashes, namespaced by `/`.
 */
export const REPOSITORY_NAME_PATTERN = /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$/;
export const REPOSITORY_NAME_MIN = 2;
export const REPOSITORY_NAME_MAX = 256;

export const isRepositoryName = (name: string) =>
  name.length >= REPOSITORY_NAME_MIN && name.length <= REPOSITORY_NAME_MAX && REPOSITORY_NAME_PATTERN.test(name);

/** A tag as the OCI distribution spec and the Docker CLI accept it. */
export const IMAGE_TAG_PATTERN = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
export const isImageTag = (tag: string) => IMAGE_TAG_PATTERN.test(tag);

/** The digests Stevedore's registry stores content by. */
export const SHA256_DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;
export const isSha256Digest = (digest: string) => SHA256_DIGEST_PATTERN.test(digest);

/** The account id of a registry, as ECR writes it in registryId and in registry host names. */
export const REGISTRY_ID_PATTERN = /^[0-9]{12}$/;

/** `arn:aws:ecr:<region>:<account>:repository/<name>` */
export const ecrRepositoryArn = (scope: { region: string; accountId: string }, name: string) =>
  `arn:aws:ecr:${scope.region}:${scope.accountId}:repository/${name}`;

/** ECR Public's ARNs name no region. */
export const ecrPublicRepositoryArn = (accountId: string, name: string) => `arn:aws:ecr-public::${accountId}:repository/${name}`;

/** ECR's words for a repository that is not there (the API's RepositoryNotFoundException, the registry's NAME_UNKNOWN). */
export const repositoryNotFoundMessage = (name: string, registryId: string) =>
  `The repository with name '${name}' does not exist in the registry with id '${registryId}'`;

/**
 * The registry an image reference names (`host[:port]` before its first `/`), as Docker reads it: the
 * first component is a registry when it has a `.` or a `:`, or is `localhost`; else Docker Hub's (undefined).
 */
export function imageRegistry(image: string): string | undefined {
  const slash = image.indexOf("/");
  if (slash < 0) return undefined;
  const first = image.slice(0, slash);
  return first.includes(".") || first.includes(":") || first === "localhost" ? first.toLowerCase() : undefined;
}
