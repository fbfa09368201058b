/** PutAccountSetting, PutAccountSettingDefault, DeleteAccountSetting, ListAccountSettings: per principal, with the account's default. */
import type { EcsAction } from "../service.ts";
import type { ActionContext } from "../../aws/context.ts";
import { invalidParameter } from "../../aws/errors.ts";
import { paginate } from "../../aws/pagination.ts";
import { ACCOUNT_SETTINGS, effectiveSetting, rootArn, settingIssue } from "../account-settings-rules.ts";

async function stored(ctx: ActionContext) {
  return ctx.db.accountSetting.findMany({ select: { principalArn: true, name: true, value: true } });
}

/** The principal a request names: only the root user may name another one. */
function principalOf(ctx: ActionContext, principalArn: unknown): string {
  if (principalArn === undefined || principalArn === null || principalArn === "") return ctx.caller.arn;
  const arn = String(principalArn);
  if (!new RegExp(`^arn:aws:iam::${ctx.scope.accountId}:(root|user/.+|role/.+)$`).test(arn)) {
    throw invalidParameter(`Invalid principalArn: ${arn}. Specify an IAM user, IAM role or the root user of account ${ctx.scope.accountId}.`);
  }
  if (arn !== ctx.caller.arn && ctx.caller.arn !== rootArn(ctx.scope.accountId)) {
    throw invalidParameter("Only the root user can change the account settings of another principal.");
  }
  return arn;
}

function checked(name: unknown, value: unknown): { name: string; value: string } {
  const n = String(name ?? "");
  const v = String(value ?? "");
  const issue = settingIssue(n, v);
  if (issue) throw invalidParameter(issue);
  return { name: n, value: v };
}

async function put(ctx: ActionContext, principalArn: string, name: string, value: string) {
  await ctx.db.accountSetting.upsert({
    where: { accountId_principalArn_name: { accountId: ctx.scope.accountId, principalArn, name } },
    create: { principalArn, name, value },
    update: { value },
  });
}

export const putAccountSetting: EcsAction<"PutAccountSetting"> = async (input, ctx) => {
  const { name, value } = checked(input.name, input.value);
  const principalArn = principalOf(ctx, input.principalArn);
  await put(ctx, principalArn, name, value);
  return { setting: { name: name as never, value, principalArn, type: "user" } };
};

export const putAccountSettingDefault: EcsAction<"PutAccountSettingDefault"> = async (input, ctx) => {
  const { name, value } = checked(input.name, input.value);
  await put(ctx, "", name, value);
  return { setting: { name: name as never, value, principalArn: rootArn(ctx.scope.accountId), type: "user" } };
};

export const deleteAccountSetting: EcsAction<"DeleteAccountSetting"> = async (input, ctx) => {
  const name = String(input.name ?? "");
  if (!ACCOUNT_SETTINGS[name]) throw invalidParameter(`Invalid setting name: ${name}.`);
  const principalArn = principalOf(ctx, input.principalArn);
  const row = await ctx.db.accountSetting.findFirst({ where: { principalArn, name } });
  await ctx.db.accountSetting.deleteMany({ where: { principalArn, name } });
  const after = effectiveSetting(name, principalArn, await stored(ctx));
  return { setting: { name: name as never, value: row?.value ?? after.value, principalArn, type: "user" } };
};

export const listAccountSettings: EcsAction<"ListAccountSettings"> = async (input, ctx) => {
  if (input.name !== undefined && !ACCOUNT_SETTINGS[String(input.name)]) throw invalidParameter(`Invalid setting name: ${String(input.name)}.`);
  const principalArn = principalOf(ctx, input.principalArn);
  const rows = await stored(ctx);
  const names = input.name ? [String(input.name)] : Object.keys(ACCOUNT_SETTINGS);
  // effectiveSettings: every setting as it applies to the principal; otherwise only those set for it.
  const settings = input.effectiveSettings
    ? names.map((n) => effectiveSetting(n, principalArn, rows))
    : rows
        .filter((r) => names.includes(r.name) && (r.principalArn === principalArn || (r.principalArn === "" && principalArn === rootArn(ctx.scope.accountId))))
        .map((r) => ({ name: r.name, value: r.value, principalArn, type: "user" as const }));
  const matching = input.value === undefined ? settings : settings.filter((s) => s.value === String(input.value));
  const { page, nextToken } = paginate(matching, input.maxResults, input.nextToken, 10);
  return { settings: page as never, ...(nextToken ? { nextToken } : {}) };
};

/** A setting's value for the calling principal, as new resources take it (CreateCluster's Container Insights). */
export async function settingFor(ctx: ActionContext, name: string): Promise<string> {
  return effectiveSetting(name, ctx.caller.arn, await stored(ctx)).value;
}
