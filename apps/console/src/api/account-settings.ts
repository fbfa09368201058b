/** ECS account settings and the cluster updates the console makes (Account settings, Update cluster). */
import { callEcs, type Cluster } from "@stevedore/shared";
import { endpoint } from "./endpoint.ts";

const ecs = <T>(action: string, body: unknown, signal?: AbortSignal) => callEcs<T>(endpoint(), action, body, signal);

export interface AccountSetting {
  name: string;
  value: string;
  principalArn: string;
  type?: "user" | "aws_managed";
}

/** Every setting as it applies to the signed-in principal (ListAccountSettings pages by 10). */
export async function listEffectiveSettings(signal?: AbortSignal): Promise<AccountSetting[]> {
  const all: AccountSetting[] = [];
  let nextToken: string | undefined;
  do {
    const r = await ecs<{ settings?: AccountSetting[]; nextToken?: string }>("ListAccountSettings", { effectiveSettings: true, maxResults: 10, nextToken }, signal);
    all.push(...(r.settings ?? []));
    nextToken = r.nextToken;
  } while (nextToken);
  return all;
}

export async function putAccountSetting(name: string, value: string): Promise<AccountSetting> {
  return (await ecs<{ setting: AccountSetting }>("PutAccountSetting", { name, value })).setting;
}

export interface ClusterUpdate {
  cluster: string;
  settings?: { name: "containerInsights"; value: string }[];
  configuration?: { executeCommandConfiguration?: { logging?: "NONE" | "DEFAULT" | "OVERRIDE"; kmsKeyId?: string } };
  serviceConnectDefaults?: { namespace: string };
}

export async function updateCluster(input: ClusterUpdate): Promise<Cluster> {
  return (await ecs<{ cluster: Cluster }>("UpdateCluster", input)).cluster;
}

/** TagResource and UntagResource for one resource: the tags to set, and the keys to remove. */
export async function saveTags(resourceArn: string, tags: { key: string; value: string }[], removedKeys: string[]): Promise<void> {
  if (removedKeys.length) await ecs("UntagResource", { resourceArn, tagKeys: removedKeys });
  if (tags.length) await ecs("TagResource", { resourceArn, tags });
}
