/** STS (Query protocol, Version 2011-06-15): GetCallerIdentity, the first check of AWS's tutorials and labs. */
import { model } from "@stevedore/shared/aws/models/sts.model";
import type { Operations } from "@stevedore/shared/aws/models/sts";
import { defineService, type HandlerOf } from "../aws/service.ts";

const getCallerIdentity: HandlerOf<Operations, "GetCallerIdentity"> = async (_input, ctx) => ({
  UserId: ctx.caller.userId,
  Account: ctx.caller.accountId,
  Arn: ctx.caller.arn,
});

export const stsService = defineService<Operations>({
  name: "sts",
  model,
  protocol: "query",
  invalidInput: "ValidationError",
  handlers: { GetCallerIdentity: getCallerIdentity },
});
