/**
 * EC2 launch templates and their versions: what the ECS console's create-cluster wizard makes for an
 * Auto Scaling group, and what RunInstances and groups launch from. Each version keeps its launch
 * data as given; `$Latest` and `$Default` resolve as EC2 resolves them.
 */
import { idBytes } from "../reproducible.ts";
import type { LaunchTemplate, LaunchTemplateSpecification, LaunchTemplateVersion, RequestLaunchTemplateData, ResponseLaunchTemplateData } from "@stevedore/shared/aws/models/ec2";
import type { ActionContext } from "../aws/context.ts";
import { AwsError } from "../aws/errors.ts";
import * as store from "../store/ec2-resources.ts";
import type { LaunchTemplateRecord, LaunchTemplateVersionRecord } from "../store/ec2-resources.ts";
import { filterRows, tagFields } from "./query-filters.ts";
import { tagsOf } from "./tags.ts";
import type { Ec2Action } from "./service.ts";

const NAME = /^[a-zA-Z0-9().\-/_]{3,128}$/;

function templateXml(t: LaunchTemplateRecord): LaunchTemplate {
  return {
    LaunchTemplateId: t.id,
    LaunchTemplateName: t.name,
    CreateTime: t.createdAt,
    CreatedBy: t.createdBy,
    DefaultVersionNumber: t.defaultVersion,
    LatestVersionNumber: t.latestVersion,
    ...(t.tags.length ? { Tags: t.tags } : {}),
  };
}

function versionXml(t: LaunchTemplateRecord, v: LaunchTemplateVersionRecord): LaunchTemplateVersion {
  return {
    LaunchTemplateId: t.id,
    LaunchTemplateName: t.name,
    VersionNumber: v.version,
    ...(v.description !== null ? { VersionDescription: v.description } : {}),
    CreateTime: v.createdAt,
    CreatedBy: v.createdBy,
    DefaultVersion: v.version === t.defaultVersion,
    LaunchTemplateData: v.data as ResponseLaunchTemplateData,
  };
}

/** The template a request names by ID or name. */
export async function requireTemplate(ctx: ActionContext, by: { LaunchTemplateId?: string | undefined; LaunchTemplateName?: string | undefined }): Promise<LaunchTemplateRecord> {
  if (!by.LaunchTemplateId && !by.LaunchTemplateName) throw new AwsError("MissingParameter", "The request must contain the parameter launchTemplateName or launchTemplateId");
  const found = await store.findLaunchTemplate(ctx.allAccounts, ctx.scope.accountId, by.LaunchTemplateId ? { id: by.LaunchTemplateId } : { name: by.LaunchTemplateName! });
  if (found) return found;
  if (by.LaunchTemplateId) throw new AwsError("InvalidLaunchTemplateId.NotFound", `The specified launch template, with template ID ${by.LaunchTemplateId}, does not exist.`);
  throw new AwsError("InvalidLaunchTemplateName.NotFoundException", `The specified launch template, with template name ${by.LaunchTemplateName}, does not exist.`);
}

/** A version number from `$Latest`, `$Default` or a number. */
function versionNumber(t: LaunchTemplateRecord, version: string | undefined): number {
  if (version === undefined || version === "$Default") return t.defaultVersion;
  if (version === "$Latest") return t.latestVersion;
  const n = Number(version);
  if (!Number.isInteger(n) || n < 1) throw new AwsError("InvalidLaunchTemplateId.VersionNotFound", `Could not find launch template version ${version} for launch template ID ${t.id}`);
  return n;
}

async function requireVersion(ctx: ActionContext, t: LaunchTemplateRecord, version: string | undefined): Promise<LaunchTemplateVersionRecord> {
  const n = versionNumber(t, version);
  const found = (await store.listLaunchTemplateVersions(ctx.allAccounts, ctx.scope.accountId, t.id)).find((v) => v.version === n);
  if (!found) throw new AwsError("InvalidLaunchTemplateId.VersionNotFound", `Could not find launch template version ${version} for launch template ID ${t.id}`);
  return found;
}

/** A LaunchTemplateSpecification's launch data, and how the instance records where it came from. */
export async function resolveLaunchTemplate(ctx: ActionContext, spec: LaunchTemplateSpecification) {
  const t = await requireTemplate(ctx, spec);
  const v = await requireVersion(ctx, t, spec.Version);
  return { data: v.data as RequestLaunchTemplateData, ref: { id: t.id, name: t.name, version: String(v.version) } };
}

function checkData(data: RequestLaunchTemplateData) {
  if (data.UserData && !/^[A-Za-z0-9+/=\s]*$/.test(data.UserData)) throw new AwsError("InvalidUserData.Malformed", "Invalid BASE64 encoding of user data.");
}

export const createLaunchTemplate: Ec2Action<"CreateLaunchTemplate"> = async (p, ctx) => {
  if (!NAME.test(p.LaunchTemplateName)) throw new AwsError("InvalidLaunchTemplateName.MalformedException", "A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.'");
  checkData(p.LaunchTemplateData);
  const created = await store.createLaunchTemplate(
    ctx.allAccounts,
    { id: `lt-${idBytes("launch-template", 9).toString("hex").slice(0, 17)}`, accountId: ctx.scope.accountId, name: p.LaunchTemplateName, createdBy: ctx.caller.arn, tags: tagsOf(p.TagSpecifications, "launch-template") },
    { description: p.VersionDescription ?? null, data: p.LaunchTemplateData as Record<string, unknown> },
  );
  if (!created) throw new AwsError("InvalidLaunchTemplateName.AlreadyExistsException", `Launch template name already in use.`);
  return { LaunchTemplate: templateXml(created) };
};

export const createLaunchTemplateVersion: Ec2Action<"CreateLaunchTemplateVersion"> = async (p, ctx) => {
  const t = await requireTemplate(ctx, p);
  checkData(p.LaunchTemplateData);
  // A source version's data is the base the new data adds to, as EC2 does.
  const base = p.SourceVersion ? (await requireVersion(ctx, t, p.SourceVersion)).data : {};
  const v = await store.addLaunchTemplateVersion(ctx.allAccounts, ctx.scope.accountId, t.id, {
    description: p.VersionDescription ?? null,
    data: { ...base, ...(p.LaunchTemplateData as Record<string, unknown>) },
    createdBy: ctx.caller.arn,
  });
  return { LaunchTemplateVersion: versionXml(t, v) };
};

export const describeLaunchTemplates: Ec2Action<"DescribeLaunchTemplates"> = async (p, ctx) => {
  let rows = await store.listLaunchTemplates(ctx.allAccounts, ctx.scope.accountId);
  for (const name of p.LaunchTemplateNames ?? []) {
    if (!rows.some((t) => t.name === name)) throw new AwsError("InvalidLaunchTemplateName.NotFoundException", "At least one of the launch templates specified in the request does not exist.");
  }
  if (p.LaunchTemplateNames?.length) rows = rows.filter((t) => p.LaunchTemplateNames!.includes(t.name));
  const selected = filterRows({ ids: p.LaunchTemplateIds, filters: p.Filters }, rows, (t) => ({ "launch-template-id": t.id, "launch-template-name": t.name, ...tagFields(t.tags) }), {
    field: "launch-template-id",
    notFound: "InvalidLaunchTemplateId.NotFound",
    what: "launch template ID",
  });
  return { LaunchTemplates: selected.map(templateXml) };
};

export const describeLaunchTemplateVersions: Ec2Action<"DescribeLaunchTemplateVersions"> = async (p, ctx) => {
  const t = await requireTemplate(ctx, p);
  const all = await store.listLaunchTemplateVersions(ctx.allAccounts, ctx.scope.accountId, t.id);
  let selected = all;
  if (p.Versions?.length) selected = await Promise.all(p.Versions.map((v) => requireVersion(ctx, t, v)));
  if (p.MinVersion) selected = selected.filter((v) => v.version >= versionNumber(t, p.MinVersion));
  if (p.MaxVersion) selected = selected.filter((v) => v.version <= versionNumber(t, p.MaxVersion));
  return { LaunchTemplateVersions: selected.map((v) => versionXml(t, v)) };
};

export const modifyLaunchTemplate: Ec2Action<"ModifyLaunchTemplate"> = async (p, ctx) => {
  const t = await requireTemplate(ctx, p);
  if (p.DefaultVersion === undefined) return { LaunchTemplate: templateXml(t) };
  const v = await requireVersion(ctx, t, p.DefaultVersion);
  return { LaunchTemplate: templateXml(await store.setDefaultLaunchTemplateVersion(ctx.allAccounts, ctx.scope.accountId, t.id, v.version)) };
};

export const deleteLaunchTemplate: Ec2Action<"DeleteLaunchTemplate"> = async (p, ctx) => {
  const t = await requireTemplate(ctx, p);
  await store.deleteLaunchTemplate(ctx.allAccounts, ctx.scope.accountId, t.id);
  return { LaunchTemplate: templateXml(t) };
};
