/** The SSM API (JSON 1.1, AmazonSSM): the public parameters of the ECS-optimized AMIs. */
import { model } from "@stevedore/shared/aws/models/ssm.model";
import type { Operations, Parameter } from "@stevedore/shared/aws/models/ssm";
import { defineService, type HandlerOf } from "../aws/service.ts";
import { AwsError } from "../aws/errors.ts";
import type { ActionContext } from "../aws/context.ts";
import { paginate } from "../aws/pagination.ts";
import { publicParameters } from "./public-parameters.ts";

type SsmAction<K extends keyof Operations> = HandlerOf<Operations, K>;

/** A name as SSM accepts it: the parameter's own, or `name:version` (version 1 is the only one). */
function lookup(ctx: ActionContext, name: string): Parameter | undefined {
  const [base, selector] = name.split(":");
  const found = publicParameters(ctx.scope.region).get(base!);
  if (!found || (selector !== undefined && selector !== "1")) return undefined;
  return selector ? { ...found, Selector: `:${selector}` } : found;
}

const getParameter: SsmAction<"GetParameter"> = async (p, ctx) => {
  const found = lookup(ctx, p.Name);
  if (!found) throw new AwsError("ParameterNotFound", "");
  return { Parameter: found };
};

const getParameters: SsmAction<"GetParameters"> = async (p, ctx) => {
  const found = p.Names.map((n) => [n, lookup(ctx, n)] as const);
  return { Parameters: found.flatMap(([, f]) => (f ? [f] : [])), InvalidParameters: found.filter(([, f]) => !f).map(([n]) => n) };
};

const getParametersByPath: SsmAction<"GetParametersByPath"> = async (p, ctx) => {
  const prefix = p.Path.endsWith("/") ? p.Path : `${p.Path}/`;
  const all = [...publicParameters(ctx.scope.region).values()].filter((x) => {
    if (!x.Name!.startsWith(prefix)) return false;
    return p.Recursive || !x.Name!.slice(prefix.length).includes("/");
  });
  const { page, nextToken } = paginate(all, p.MaxResults, p.NextToken, 10);
  return { Parameters: page, ...(nextToken ? { NextToken: nextToken } : {}) };
};

export const ssmService = defineService<Operations>({
  name: "ssm",
  model,
  protocol: "json",
  invalidInput: "ValidationException",
  handlers: { GetParameter: getParameter, GetParameters: getParameters, GetParametersByPath: getParametersByPath },
});
