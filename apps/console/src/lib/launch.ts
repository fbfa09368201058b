/**
 * Where Run task and Create service launch tasks: compute and networking together, with what the form
 * knows of the cluster, the chosen task definition and the default VPC. A null compute or network
 * follows the console's defaults for them (they change when the cluster or task definition does) until
 * the user edits it. Pure: unit-tested under apps/console/test.
 */
import {
  checkCompute,
  computeRequest,
  defaultCompute,
  effectiveLaunchType,
  type ClusterCapacity,
  type ComputeErrors,
  type ComputeRequest,
  type ComputeValues,
  type DefinitionFacts,
  type LaunchType,
} from "./compute.ts";
import { checkNetwork, defaultNetwork, networkRequest, type AwsVpcConfiguration, type NetworkValues, type VpcInfo } from "./networking.ts";

export interface LaunchContext {
  cluster?: ClusterCapacity;
  /** The chosen task definition, once it is loaded. */
  definition?: DefinitionFacts;
  vpc?: VpcInfo;
}

export interface LaunchValues {
  compute: ComputeValues | null;
  network: NetworkValues | null;
}

export const computeOf = (v: LaunchValues, ctx: LaunchContext): ComputeValues => v.compute ?? defaultCompute(ctx.cluster, ctx.definition);
export const networkOf = (v: LaunchValues, ctx: LaunchContext): NetworkValues => v.network ?? defaultNetwork(ctx.vpc);
export const launchTypeOf = (v: LaunchValues, ctx: LaunchContext): LaunchType | undefined => effectiveLaunchType(computeOf(v, ctx), ctx.cluster);

/** Fargate places tasks itself: task placement applies to EC2 only. */
export const placementApplies = (v: LaunchValues, ctx: LaunchContext): boolean => launchTypeOf(v, ctx) !== "FARGATE";

export function checkLaunch(v: LaunchValues, ctx: LaunchContext, options: { daemon?: boolean } = {}): ComputeErrors {
  return { ...checkCompute(computeOf(v, ctx), ctx.cluster, ctx.definition, options), ...checkNetwork(networkOf(v, ctx), ctx.definition?.networkMode) };
}

export type LaunchRequest = ComputeRequest & { networkConfiguration?: { awsvpcConfiguration: AwsVpcConfiguration } };

/** The compute and networkConfiguration fields of RunTask and CreateService. */
export function launchRequest(v: LaunchValues, ctx: LaunchContext): LaunchRequest {
  return { ...computeRequest(computeOf(v, ctx), ctx.cluster), ...networkRequest(networkOf(v, ctx), ctx.definition?.networkMode, launchTypeOf(v, ctx)) };
}
