/** The EC2 API (Query protocol, EC2's flavour, Version 2016-11-15): the virtual instances, the default VPC and the tasks' network interfaces. */
import { model } from "@stevedore/shared/aws/models/ec2.model";
import type { Operations } from "@stevedore/shared/aws/models/ec2";
import { defineService, type HandlerOf } from "../aws/service.ts";
import { describeInstances } from "./describe-instances.ts";
import { describeSecurityGroups, describeSubnets, describeVpcs } from "./default-vpc.ts";
import { describeNetworkInterfaces } from "./network-interfaces.ts";

export type Ec2Action<K extends keyof Operations> = HandlerOf<Operations, K>;

export const ec2Service = defineService<Operations>({
  name: "ec2",
  model,
  protocol: "ec2",
  invalidInput: "InvalidParameterValue",
  handlers: {
    DescribeInstances: describeInstances,
    DescribeVpcs: describeVpcs,
    DescribeSubnets: describeSubnets,
    DescribeSecurityGroups: describeSecurityGroups,
    DescribeNetworkInterfaces: describeNetworkInterfaces,
  },
});
