/** The CloudWatch API (Query protocol, Version 2010-08-01): ECS's metrics. */
import { model } from "@stevedore/shared/aws/models/cloudwatch.model";
import type { Operations } from "@stevedore/shared/aws/models/cloudwatch";
import type { DecodeIssue } from "@stevedore/shared/aws/decode";
import { defineService, type HandlerOf } from "../aws/service.ts";
import { cloudWatchHandlers, invalid, missing } from "./actions.ts";

export type CloudWatchAction<K extends keyof Operations> = HandlerOf<Operations, K>;

/** CloudWatch words input errors its own way: MissingParameter, and InvalidParameterValue naming the parameter. */
function rejectInput([issue]: DecodeIssue[]) {
  const { path, constraint, value } = issue!;
  if (constraint === "Member must not be null") return missing(path);
  const set = /^Member must satisfy enum value set: \[(.*)\]$/.exec(constraint);
  if (set) return invalid(`The parameter ${path} must be a value in the set [ ${set[1]} ].`);
  const longest = /^Member must have length less than or equal to (\d+)$/.exec(constraint);
  if (longest && Array.isArray(value)) return invalid(`The collection ${path} must not have a size greater than ${longest[1]}.`);
  if (longest) return invalid(`The parameter ${path} must be shorter than ${Number(longest[1]) + 1} characters.`);
  return invalid(`The parameter ${path} is not valid: ${constraint.replace(/^Member/, "it")}.`);
}

export const cloudWatchService = defineService<Operations>({
  name: "monitoring",
  model,
  protocol: "query",
  invalidInput: rejectInput,
  issuePaths: "wire",
  handlers: cloudWatchHandlers,
});
