/** The Auto Scaling API (Query protocol, Version 2011-01-01): one function per action. */
import { model } from "@stevedore/shared/aws/models/autoscaling.model";
import type { Operations } from "@stevedore/shared/aws/models/autoscaling";
import { defineService, type HandlerOf } from "../aws/service.ts";
import { autoScalingHandlers } from "./actions.ts";
import { policyHandlers } from "./policies.ts";

export type AutoScalingAction<K extends keyof Operations> = HandlerOf<Operations, K>;

export const autoScalingService = defineService<Operations>({
  name: "autoscaling",
  model,
  protocol: "query",
  invalidInput: "ValidationError",
  handlers: { ...autoScalingHandlers, ...policyHandlers },
});
