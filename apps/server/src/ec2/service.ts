/**
 * The EC2 API (Query protocol, EC2's flavour, Version 2016-11-15): instances, key pairs, security
 * groups, launch templates, the default VPC, the ECS-optimized AMIs, tags and the tasks' network interfaces.
 */
import { model } from "@stevedore/shared/aws/models/ec2.model";
import type { Operations } from "@stevedore/shared/aws/models/ec2";
import { defineService, type HandlerOf } from "../aws/service.ts";
import { describeInstances, describeInstanceStatus } from "./describe-instances.ts";
import { describeAvailabilityZones, describeSubnets, describeVpcs } from "./default-vpc.ts";
import { describeNetworkInterfaces } from "./network-interfaces.ts";
import { runInstances, startInstances, stopInstances, terminateInstances } from "./run-instances.ts";
import { createKeyPair, deleteKeyPair, describeKeyPairs, importKeyPair } from "./key-pairs.ts";
import {
  authorizeSecurityGroupEgress,
  authorizeSecurityGroupIngress,
  createSecurityGroup,
  deleteSecurityGroup,
  describeSecurityGroupRules,
  describeSecurityGroups,
  revokeSecurityGroupEgress,
  revokeSecurityGroupIngress,
} from "./security-groups.ts";
import {
  createLaunchTemplate,
  createLaunchTemplateVersion,
  deleteLaunchTemplate,
  describeLaunchTemplates,
  describeLaunchTemplateVersions,
  modifyLaunchTemplate,
} from "./launch-templates.ts";
import { describeImages } from "./images.ts";
import { createTags, deleteTags, describeTags } from "./resource-tags.ts";

export type Ec2Action<K extends keyof Operations> = HandlerOf<Operations, K>;

export const ec2Service = defineService<Operations>({
  name: "ec2",
  model,
  protocol: "ec2",
  invalidInput: "InvalidParameterValue",
  handlers: {
    DescribeInstances: describeInstances,
    DescribeInstanceStatus: describeInstanceStatus,
    RunInstances: runInstances,
    TerminateInstances: terminateInstances,
    StopInstances: stopInstances,
    StartInstances: startInstances,
    DescribeVpcs: describeVpcs,
    DescribeSubnets: describeSubnets,
    DescribeAvailabilityZones: describeAvailabilityZones,
    DescribeSecurityGroups: describeSecurityGroups,
    DescribeSecurityGroupRules: describeSecurityGroupRules,
    CreateSecurityGroup: createSecurityGroup,
    DeleteSecurityGroup: deleteSecurityGroup,
    AuthorizeSecurityGroupIngress: authorizeSecurityGroupIngress,
    AuthorizeSecurityGroupEgress: authorizeSecurityGroupEgress,
    RevokeSecurityGroupIngress: revokeSecurityGroupIngress,
    RevokeSecurityGroupEgress: revokeSecurityGroupEgress,
    CreateKeyPair: createKeyPair,
    ImportKeyPair: importKeyPair,
    DescribeKeyPairs: describeKeyPairs,
    DeleteKeyPair: deleteKeyPair,
    CreateLaunchTemplate: createLaunchTemplate,
    CreateLaunchTemplateVersion: createLaunchTemplateVersion,
    DescribeLaunchTemplates: describeLaunchTemplates,
    DescribeLaunchTemplateVersions: describeLaunchTemplateVersions,
    ModifyLaunchTemplate: modifyLaunchTemplate,
    DeleteLaunchTemplate: deleteLaunchTemplate,
    DescribeImages: describeImages,
    DescribeNetworkInterfaces: describeNetworkInterfaces,
    CreateTags: createTags,
    DeleteTags: deleteTags,
    DescribeTags: describeTags,
  },
});
