/** The default VPC, its default subnets and its security groups, from the EC2 API (as the console's Networking section reads them). */
import { useQuery } from "@tanstack/react-query";
import { describeSecurityGroups, describeSubnets, describeVpcs } from "../../api/ec2.ts";
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
