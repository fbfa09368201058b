import type { ActionContext } from "../aws/context.ts";

export const logGroupArn = (ctx: ActionContext, name: string) => `arn:aws:logs:${ctx.scope.region}:${ctx.scope.accountId}:log-group:${name}:*`;

/** awslogs creates its group on first use here (as with awslogs-create-group), so no line is lost. */
export async function ensureLogGroup(ctx: ActionContext, name: string): Promise<void> {
  await ctx.db.logGroup.upsert({ where: { accountId_name: { accountId: ctx.scope.accountId, name: name } }, create: { name, arn: logGroupArn(ctx, name) }, update: {} });
}
