/** The EC2 Query API (Version 2016-11-15): the virtual instances, the default VPC and the tasks' network interfaces. */
import { describeInstances } from "./describe-instances.ts";
import { describeSecurityGroups, describeSubnets, describeVpcs } from "./default-vpc.ts";
import { describeNetworkInterfaces } from "./network-interfaces.ts";

export const ec2Service = {
  version: "2016-11-15",
  xmlns: "http://ec2.amazonaws.com/doc/2016-11-15/",
  actions: {
    DescribeInstances: describeInstances,
    DescribeVpcs: describeVpcs,
    DescribeSubnets: describeSubnets,
    DescribeSecurityGroups: describeSecurityGroups,
    DescribeNetworkInterfaces: describeNetworkInterfaces,
  },
};
