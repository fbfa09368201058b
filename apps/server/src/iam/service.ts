/** The IAM API (Query protocol, Version 2010-05-08): roles, managed and inline policies, instance profiles. */
import { model } from "@stevedore/shared/aws/models/iam.model";
import type { Operations } from "@stevedore/shared/aws/models/iam";
import { defineService, type HandlerOf } from "../aws/service.ts";
import { iamHandlers } from "./actions.ts";

export type IamAction<K extends keyof Operations> = HandlerOf<Operations, K>;

export const iamService = defineService<Operations>({
  name: "iam",
  model,
  protocol: "query",
  invalidInput: "ValidationError",
  handlers: iamHandlers,
});
