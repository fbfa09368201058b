/** The ECR Public API: X-Amz-Target SpencerFrontendService.<Action> → one function each. */
import { model } from "@stevedore/shared/aws/models/ecrPublic.model";
import type { Operations } from "@stevedore/shared/aws/models/ecrPublic";
import { defineService, type HandlerOf } from "../../aws/service.ts";
import {
  batchDeleteImage,
  createRepository,
  deleteRepository,
  describeImages,
  describeImageTags,
  describeRegistries,
  describeRepositories,
  getAuthorizationToken,
  getRegistryCatalogData,
  getRepositoryCatalogData,
  putRepositoryCatalogData,
} from "./actions.ts";

export type EcrPublicAction<K extends keyof Operations> = HandlerOf<Operations, K>;

export const ecrPublicService = defineService<Operations>({
  name: "ecr-public",
  model,
  protocol: "json",
  invalidInput: "InvalidParameterException",
  handlers: {
    CreateRepository: createRepository,
    DescribeRepositories: describeRepositories,
    DeleteRepository: deleteRepository,
    DescribeImages: describeImages,
    DescribeImageTags: describeImageTags,
    BatchDeleteImage: batchDeleteImage,
    GetAuthorizationToken: getAuthorizationToken,
    GetRepositoryCatalogData: getRepositoryCatalogData,
    PutRepositoryCatalogData: putRepositoryCatalogData,
    DescribeRegistries: describeRegistries,
    GetRegistryCatalogData: getRegistryCatalogData,
  },
});
