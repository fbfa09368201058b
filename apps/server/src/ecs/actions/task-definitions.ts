/** RegisterTaskDefinition, DescribeTaskDefinition, ListTaskDefinitions, ListTaskDefinitionFamilies, DeregisterTaskDefinition. */
import { parseTaskDefinitionRef, taskDefinitionArn, type TaskDefinition } from "@stevedore/shared";
import type { EcsAction } from "../service.ts";
import { clientException, invalidParameter } from "../../aws/errors.ts";
import { paginate } from "../../aws/pagination.ts";
import { fromJson, toJson } from "../../db/json.ts";
import { ownRef, requireTaskDefinition, stringList } from "../lookup.ts";
import { compatibilities, validateTaskDefinition } from "../task-definition-rules/index.ts";
import { taskDefinitionView } from "../views/task-definition.ts";
import { withEcsDefaults } from "../task-definition-rules/defaults.ts";
import { validateTags } from "../tags.ts";

export const registerTaskDefinition: EcsAction<"RegisterTaskDefinition"> = async (input, ctx) => {
  const tags = validateTags(input.tags);
  const def = withEcsDefaults(validateTaskDefinition(input));
  const { tags: _omit, ...rest } = def;
  const row = await ctx.db.$transaction(async (tx) => {
    const last = await tx.taskDefinition.findFirst({ where: { family: def.family }, orderBy: { revision: "desc" } });
    const revision = (last?.revision ?? 0) + 1;
    const arn = taskDefinitionArn(ctx.scope, def.family, revision);
    const registered: TaskDefinition = {
      taskDefinitionArn: arn,
      ...rest,
      revision,
      status: "ACTIVE",
      compatibilities: compatibilities(def),
      requiresAttributes: [],
      registeredAt: Date.now() / 1000,
      registeredBy: `arn:aws:iam::${ctx.scope.accountId}:root`,
    };
    return tx.taskDefinition.create({ data: { arn, family: def.family, revision, definition: toJson(registered), tags: toJson(tags) } });
  });
  return { taskDefinition: taskDefinitionView(row), tags };
};

export const describeTaskDefinition: EcsAction<"DescribeTaskDefinition"> = async (input, ctx) => {
  const row = await requireTaskDefinition(ctx, input.taskDefinition);
  const include = stringList(input.include, "include");
  return { taskDefinition: taskDefinitionView(row), ...(include.includes("TAGS") ? { tags: fromJson(row.tags, []) } : {}) };
};

const STATUSES = ["ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS"];

export const listTaskDefinitions: EcsAction<"ListTaskDefinitions"> = async (input, ctx) => {
  const status = input.status === undefined ? "ACTIVE" : String(input.status);
  if (!STATUSES.includes(status)) throw invalidParameter(`status must be one of ${STATUSES.join(", ")}.`);
  const sort = input.sort === "DESC" ? "desc" : "asc";
  const rows = await ctx.db.taskDefinition.findMany({
    where: { status, ...(input.familyPrefix ? { family: { startsWith: String(input.familyPrefix) } } : {}) },
    orderBy: [{ family: sort }, { revision: sort }],
    select: { arn: true },
  });
  const { page, nextToken } = paginate(rows.map((r) => r.arn), input.maxResults, input.nextToken);
  return { taskDefinitionArns: page, ...(nextToken ? { nextToken } : {}) };
};

export const listTaskDefinitionFamilies: EcsAction<"ListTaskDefinitionFamilies"> = async (input, ctx) => {
  const status = input.status === undefined ? "ACTIVE" : String(input.status);
  if (!["ACTIVE", "INACTIVE", "ALL"].includes(status)) throw invalidParameter("status must be one of ACTIVE, INACTIVE, ALL.");
  const rows = await ctx.db.taskDefinition.findMany({
    where: input.familyPrefix ? { family: { startsWith: String(input.familyPrefix) } } : {},
    select: { family: true, status: true },
    orderBy: { family: "asc" },
  });
  const families = [...new Set(rows.map((r) => r.family))].filter((family) => {
    const active = rows.some((r) => r.family === family && r.status === "ACTIVE");
    return status === "ALL" || (status === "ACTIVE" ? active : !active);
  });
  const { page, nextToken } = paginate(families, input.maxResults, input.nextToken);
  return { families: page, ...(nextToken ? { nextToken } : {}) };
};

export const deregisterTaskDefinition: EcsAction<"DeregisterTaskDefinition"> = async (input, ctx) => {
  const ref = String(input.taskDefinition ?? "");
  if (!ref.includes(":")) throw clientException("Invalid revision number. Number: " + ref);
  const row = await requireTaskDefinition(ctx, ref);
  const updated =
    row.status === "ACTIVE"
      ? await ctx.db.taskDefinition.update({ where: { arn: row.arn }, data: { status: "INACTIVE", deregisteredAt: new Date() } })
      : row;
  return { taskDefinition: taskDefinitionView(updated) };
};

export const deleteTaskDefinitions: EcsAction<"DeleteTaskDefinitions"> = async (input, ctx) => {
  const refs = stringList(input.taskDefinitions, "taskDefinitions");
  if (refs.length === 0 || refs.length > 10) throw invalidParameter("taskDefinitions must have between 1 and 10 items.");
  const deleted = [];
  const failures = [];
  for (const ref of refs) {
    const { family, revision } = parseTaskDefinitionRef(ownRef(ctx, ref));
    const row = revision === undefined ? null : await ctx.db.taskDefinition.findUnique({ where: { accountId_family_revision: { accountId: ctx.scope.accountId, family, revision } } });
    if (!row) failures.push({ arn: ref, reason: "The specified task definition does not exist." });
    else if (row.status === "ACTIVE") {
      failures.push({ arn: row.arn, reason: "The specified task definition is still in ACTIVE status. Please deregister the target and try again." });
    } else {
      const updated = await ctx.db.taskDefinition.update({ where: { arn: row.arn }, data: { status: "DELETE_IN_PROGRESS" } });
      deleted.push(taskDefinitionView(updated));
    }
  }
  return { taskDefinitions: deleted, failures };
};
