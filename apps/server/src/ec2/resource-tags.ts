/** CreateTags, DeleteTags and DescribeTags over the EC2 resources Stevedore keeps: instances, security groups, key pairs, launch templates. */
import type { ResourceType, TagDescription } from "@stevedore/shared/aws/models/ec2";
import type { ActionContext } from "../aws/context.ts";
import { AwsError } from "../aws/errors.ts";
import * as store from "../store/ec2-resources.ts";
import { filterRows } from "./query-filters.ts";
import { accountGroups } from "./security-groups.ts";
import { withoutTags, withTags, type Ec2Tag } from "./tags.ts";
import type { Ec2Action } from "./service.ts";

interface Tagged {
  id: string;
  type: ResourceType;
  tags: Ec2Tag[];
  save(tags: Ec2Tag[]): Promise<unknown>;
}

async function taggedResources(ctx: ActionContext): Promise<Tagged[]> {
  const account = ctx.scope.accountId;
  const db = ctx.allAccounts;
  const instances = await ctx.db.ec2Instance.findMany({ where: { state: { not: "terminated" } } });
  return [
    ...instances.map((i) => ({ id: i.id, type: "instance" as const, tags: JSON.parse(i.tags) as Ec2Tag[], save: (tags: Ec2Tag[]) => ctx.db.ec2Instance.update({ where: { id: i.id }, data: { tags: JSON.stringify(tags) } }) })),
    ...(await accountGroups(ctx)).map((g) => ({ id: g.id, type: "security-group" as const, tags: g.tags, save: (tags: Ec2Tag[]) => store.updateSecurityGroup(db, account, g.id, { tags }) })),
    ...(await store.listKeyPairs(db, account)).map((k) => ({ id: k.id, type: "key-pair" as const, tags: k.tags, save: (tags: Ec2Tag[]) => store.setKeyPairTags(db, account, k.id, tags) })),
    ...(await store.listLaunchTemplates(db, account)).map((t) => ({ id: t.id, type: "launch-template" as const, tags: t.tags, save: (tags: Ec2Tag[]) => store.setLaunchTemplateTags(db, account, t.id, tags) })),
  ];
}

async function requireResources(ctx: ActionContext, ids: string[]): Promise<Tagged[]> {
  const all = await taggedResources(ctx);
  return ids.map((id) => {
    const found = all.find((r) => r.id === id);
    if (!found) throw new AwsError("InvalidID", `The ID '${id}' is not valid`);
    return found;
  });
}

export const createTags: Ec2Action<"CreateTags"> = async (p, ctx) => {
  const added = p.Tags.map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "" }));
  for (const r of await requireResources(ctx, p.Resources)) {
    const tags = withTags(r.tags, added);
    if (tags.length > 50) throw new AwsError("TagLimitExceeded", "The maximum number of Tags for a resource has been reached.");
    await r.save(tags);
  }
};

export const deleteTags: Ec2Action<"DeleteTags"> = async (p, ctx) => {
  for (const r of await requireResources(ctx, p.Resources)) await r.save(withoutTags(r.tags, p.Tags));
};

export const describeTags: Ec2Action<"DescribeTags"> = async (p, ctx) => {
  const rows: TagDescription[] = (await taggedResources(ctx)).flatMap((r) => r.tags.map((t) => ({ ResourceId: r.id, ResourceType: r.type, Key: t.Key, Value: t.Value })));
  const selected = filterRows({ filters: p.Filters }, rows, (t) => ({ "resource-id": t.ResourceId!, "resource-type": t.ResourceType!, key: t.Key!, value: t.Value! }), {
    field: "resource-id",
    notFound: "InvalidID",
    what: "ID",
  });
  return { Tags: selected };
};
