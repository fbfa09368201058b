/**
 * ECS account settings: the names, the values each takes, and what a principal gets when nobody set
 * one (AWS's defaults, type "aws_managed"). Pure, so the actions and the resources that read a
 * setting (CreateCluster's Container Insights) share one table.
 */
export const ACCOUNT_SETTINGS: Record<string, { values: readonly string[]; awsDefault: string }> = {
  serviceLongArnFormat: { values: ["enabled", "disabled"], awsDefault: "enabled" },
  taskLongArnFormat: { values: ["enabled", "disabled"], awsDefault: "enabled" },
  containerInstanceLongArnFormat: { values: ["enabled", "disabled"], awsDefault: "enabled" },
  awsvpcTrunking: { values: ["enabled", "disabled"], awsDefault: "disabled" },
  containerInsights: { values: ["enhanced", "enabled", "disabled"], awsDefault: "disabled" },
  fargateFIPSMode: { values: ["enabled", "disabled"], awsDefault: "disabled" },
  tagResourceAuthorization: { values: ["on", "off"], awsDefault: "on" },
  fargateTaskRetirementWaitPeriod: { values: ["0", "7", "14"], awsDefault: "7" },
  guardDutyActivate: { values: ["on", "off"], awsDefault: "off" },
  defaultLogDriverMode: { values: ["blocking", "non-blocking"], awsDefault: "blocking" },
  fargateEventWindows: { values: ["enabled", "disabled"], awsDefault: "disabled" },
};

/** Why a name/value pair is refused, in ECS's words; undefined when it is fine. */
export function settingIssue(name: string, value: string): string | undefined {
  const setting = ACCOUNT_SETTINGS[name];
  if (!setting) return `Invalid setting name: ${name}. Valid names: ${Object.keys(ACCOUNT_SETTINGS).join(", ")}.`;
  if (name === "guardDutyActivate") return "guardDutyActivate is managed by Amazon GuardDuty Runtime Monitoring and can't be changed with this action.";
  if (name.endsWith("LongArnFormat") && value === "disabled") return `The ${name} setting can no longer be disabled: the opt-in period has ended.`;
  if (!setting.values.includes(value)) return `Invalid value for ${name}: ${value}. Valid values: ${setting.values.join(", ")}.`;
  return undefined;
}

export interface StoredSetting {
  principalArn: string;
  name: string;
  value: string;
}

/** The account default's principal, as ECS names it in answers: the account's root user. */
export const rootArn = (accountId: string) => `arn:aws:iam::${accountId}:root`;

/**
 * A principal's effective setting: its own, else the account default (stored with principalArn ""),
 * else AWS's. `type` says whether someone set it.
 */
export function effectiveSetting(name: string, principalArn: string, stored: readonly StoredSetting[]) {
  const own = stored.find((s) => s.name === name && s.principalArn === principalArn);
  const accountDefault = stored.find((s) => s.name === name && s.principalArn === "");
  const chosen = own ?? accountDefault;
  return {
    name,
    value: chosen?.value ?? ACCOUNT_SETTINGS[name]!.awsDefault,
    principalArn,
    type: chosen ? ("user" as const) : ("aws_managed" as const),
  };
}
