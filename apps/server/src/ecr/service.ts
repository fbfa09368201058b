/** The ECR API: X-Amz-Target AmazonEC2ContainerRegistry_V20150921.<Action> → one function each. */
import { model } from "@stevedore/shared/aws/models/ecr.model";
import type { Operations } from "@stevedore/shared/aws/models/ecr";
import { defineService, type HandlerOf } from "../aws/service.ts";
import { getAuthorizationToken } from "./actions/authorization.ts";
import { batchDeleteImage, batchGetImage, describeImages, listImages, putImage } from "./actions/images.ts";
import { deleteLifecyclePolicy, getLifecyclePolicy, getLifecyclePolicyPreview, putLifecyclePolicy, startLifecyclePolicyPreview } from "./actions/lifecycle.ts";
import {
  createRepository,
  deleteRepository,
  deleteRepositoryPolicy,
  describeRegistry,
  describeRepositories,
  getRepositoryPolicy,
  putImageScanningConfiguration,
  putImageTagMutability,
  setRepositoryPolicy,
} from "./actions/repositories.ts";
import { listTagsForResource, tagResource, untagResource } from "./actions/tags.ts";

export type EcrAction<K extends keyof Operations> = HandlerOf<Operations, K>;

export const ecrService = defineService<Operations>({
  name: "ecr",
  model,
  protocol: "json",
  invalidInput: "InvalidParameterException",
  handlers: {
    CreateRepository: createRepository,
    DescribeRepositories: describeRepositories,
    DeleteRepository: deleteRepository,
    PutImageTagMutability: putImageTagMutability,
    PutImageScanningConfiguration: putImageScanningConfiguration,
    SetRepositoryPolicy: setRepositoryPolicy,
    GetRepositoryPolicy: getRepositoryPolicy,
    DeleteRepositoryPolicy: deleteRepositoryPolicy,
    DescribeRegistry: describeRegistry,
    ListImages: listImages,
    DescribeImages: describeImages,
    BatchGetImage: batchGetImage,
    BatchDeleteImage: batchDeleteImage,
    PutImage: putImage,
    GetAuthorizationToken: getAuthorizationToken,
    PutLifecyclePolicy: putLifecyclePolicy,
    GetLifecyclePolicy: getLifecyclePolicy,
    DeleteLifecyclePolicy: deleteLifecyclePolicy,
    StartLifecyclePolicyPreview: startLifecyclePolicyPreview,
    GetLifecyclePolicyPreview: getLifecyclePolicyPreview,
    TagResource: tagResource,
    UntagResource: untagResource,
    ListTagsForResource: listTagsForResource,
  },
});
