/** The CloudWatch Logs API: X-Amz-Target Logs_20140328.<Action> → one function each. */
import { model } from "@stevedore/shared/aws/models/logs.model";
import type { Operations } from "@stevedore/shared/aws/models/logs";
import { defineService, type InputTypedHandlerOf } from "../aws/service.ts";
import { logsHandlers } from "./actions.ts";

export type LogsAction<K extends keyof Operations> = InputTypedHandlerOf<Operations, K>;

export const logsService = defineService<Operations>({
  name: "logs",
  model,
  protocol: "json",
  invalidInput: "InvalidParameterException",
  handlers: logsHandlers,
});
