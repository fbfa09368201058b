/**
 * The registry credentials a task's agent gets with the task (as the ECS agent gets ECR credentials
 * through the task's execution role): a registry password of the task's account for each image of its
 * registry. Images of other accounts' registries get none, and fail to pull as they would on ECR
 * without a repository policy that lets the account in.
 */
import { imageRegistry, type RegistryCredential } from "@stevedore/shared";
import { REGISTRY_USER } from "./auth-tokens.ts";
import type { EcrRegistry } from "./registry/registry-server.ts";

export function registryCredentialsFor(images: readonly string[], accountId: string, ecr: EcrRegistry): RegistryCredential[] {
  const own = ecr.privateAddress(accountId);
  if (!images.some((image) => imageRegistry(image) === own)) return [];
  return [{ serverAddress: own, username: REGISTRY_USER, password: ecr.tokens.issue(accountId).password }];
}
