/** The ECR API: X-Amz-Target AmazonEC2ContainerRegistry_V20150921.<Action> → one function each. */
import { model } from "@stevedore/shared/aws/models/ecr.model";
import type { Operations } from "@stevedore/shared/aws/models/ecr";
import { defineService, type HandlerOf } from "../aws/service.ts";
import { getAuthorizationToken } from "./actions/authorization.ts";
import { createRepository, describeRepositories } from "./actions/repositories.ts";

export type EcrAction<K extends keyof Operations> = HandlerOf<Operations, K>;

export const ecrService = defineService<Operations>({
  name: "ecr",
  model,
  protocol: "json",
  invalidInput: "InvalidParameterException",
  handlers: {
    CreateRepository: createRepository,
    DescribeRepositories: describeRepositories,
    GetAuthorizationToken: getAuthorizationToken,
  },
});
