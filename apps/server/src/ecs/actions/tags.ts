/** TagResource, UntagResource, ListTagsForResource: tags on any ECS resource, by ARN. */
import type { Tag } from "@stevedore/shared";
import type { ActionContext } from "../../aws/context.ts";
import type { EcsAction } from "../service.ts";
import { AwsError, invalidParameter } from "../../aws/errors.ts";
import { fromJson, toJson } from "../../db/json.ts";
import { stringList } from "../lookup.ts";
import { validateTags } from "../tags.ts";

const notFound = () => new AwsError("ResourceNotFoundException", "The specified resource could not be found.");

interface Tagged {
  tags: Tag[];
  save(tags: Tag[]): Promise<unknown>;
}

/** The resource an ARN names, with its tags and a way to store new ones. */
async function taggedResource(ctx: ActionContext, arn: unknown): Promise<Tagged> {
  const m = typeof arn === "string" ? /^arn:aws:ecs:[^:]*:[^:]*:([a-z-]+)\/(.+)$/.exec(arn) : null;
  if (!m) throw invalidParameter("The ARN provided is invalid.");
  const [, kind, rest] = m as unknown as [string, string, string];
  const arnString = arn as string;
  const row = await (async () => {
    switch (kind) {
      case "cluster":
        return ctx.db.cluster.findUnique({ where: { arn: arnString } }).then((r) => r && { tags: r.tags, save: (t: string) => ctx.db.cluster.update({ where: { accountId_name: { accountId: ctx.scope.accountId, name: r.name } }, data: { tags: t } }) });
      case "task-definition":
        return ctx.db.taskDefinition.findUnique({ where: { arn: arnString } }).then((r) => r && { tags: r.tags, save: (t: string) => ctx.db.taskDefinition.update({ where: { arn: r.arn }, data: { tags: t } }) });
      case "task":
        return ctx.db.task.findUnique({ where: { arn: arnString } }).then((r) => r && { tags: r.tags, save: (t: string) => ctx.db.task.update({ where: { id: r.id }, data: { tags: t } }) });
      case "container-instance":
        return ctx.db.containerInstance.findUnique({ where: { arn: arnString } }).then((r) => r && { tags: r.tags, save: (t: string) => ctx.db.containerInstance.update({ where: { id: r.id }, data: { tags: t } }) });
      case "service":
        return ctx.db.service.findUnique({ where: { arn: arnString } }).then((r) => r && { tags: r.tags, save: (t: string) => ctx.db.service.update({ where: { arn: r.arn }, data: { tags: t } }) });
      case "capacity-provider":
        return ctx.db.capacityProvider.findFirst({ where: { name: rest } }).then((r) => r && { tags: r.tags, save: (t: string) => ctx.db.capacityProvider.update({ where: { accountId_name: { accountId: ctx.scope.accountId, name: r.name } }, data: { tags: t } }) });
      default:
        throw invalidParameter("The ARN provided is invalid.");
    }
  })();
  if (!row) throw notFound();
  return { tags: fromJson<Tag[]>(row.tags, []), save: (tags) => row.save(toJson(tags)) };
}

export const tagResource: EcsAction<"TagResource"> = async (input, ctx) => {
  const resource = await taggedResource(ctx, input.resourceArn);
  const added = validateTags(input.tags);
  if (added.length === 0) throw invalidParameter("tags can not be empty.");
  const merged = [...resource.tags.filter((t) => !added.some((a) => a.key === t.key)), ...added];
  validateTags(merged);
  await resource.save(merged);
  return {};
};

export const untagResource: EcsAction<"UntagResource"> = async (input, ctx) => {
  const resource = await taggedResource(ctx, input.resourceArn);
  const keys = stringList(input.tagKeys, "tagKeys");
  await resource.save(resource.tags.filter((t) => !keys.includes(t.key)));
  return {};
};

export const listTagsForResource: EcsAction<"ListTagsForResource"> = async (input, ctx) => ({ tags: (await taggedResource(ctx, input.resourceArn)).tags });
