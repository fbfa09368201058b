/** From the EC2 API: the default VPC with its subnets and security groups (the Networking sections), and a task's network interface. */
import { useQuery } from "@tanstack/react-query";
import { describeNetworkInterfaces, describeSecurityGroups, describeSubnets, describeVpcs } from "../../api/ec2.ts";
import { queryKeys } from "../../api/query-keys.ts";
import type { VpcInfo } from "../../lib/networking.ts";

export function useDefaultVpc() {
  return useQuery({
    queryKey: queryKeys.ec2.defaultVpc(),
    queryFn: async ({ signal }): Promise<VpcInfo | null> => {
      const [vpc] = await describeVpcs({ "is-default": ["true"] }, signal);
      if (!vpc) return null;
      const [subnets, groups] = await Promise.all([
        describeSubnets({ "vpc-id": [vpc.vpcId] }, signal),
        describeSecurityGroups({ "vpc-id": [vpc.vpcId] }, signal),
      ]);
      return {
        vpcId: vpc.vpcId,
        cidrBlock: vpc.cidrBlock,
        subnets: subnets.sort((a, b) => (a.availabilityZone ?? "").localeCompare(b.availabilityZone ?? "")),
        securityGroups: groups,
      };
    },
    staleTime: Infinity,
  });
}

/** A task's network interface, for its public IP; none once the task stopped (its interface is deleted). */
export function useNetworkInterface(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.ec2.networkInterface(id ?? ""),
    queryFn: async ({ signal }) => (await describeNetworkInterfaces([id!], signal).catch(() => []))[0] ?? null,
    enabled: !!id,
  });
}
