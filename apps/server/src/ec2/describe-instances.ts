/** EC2's DescribeInstances (Query, Version 2016-11-15): the virtual machines and their loopback addresses. */
import type { Action } from "../aws/context.ts";
import type { QueryParams, XmlNode } from "../aws/query-protocol.ts";

const STATE_CODES: Record<string, number> = { pending: 0, running: 16, "shutting-down": 32, terminated: 48 };

export const describeInstances: Action<QueryParams, XmlNode> = async (p, ctx) => {
  const ids = p.list("InstanceId");
  const rows = await ctx.db.ec2Instance.findMany({ where: ids.length ? { id: { in: ids } } : { state: { not: "terminated" } }, orderBy: { launchedAt: "asc" } });
  return {
    reservationSet: rows.map((i) => ({
      reservationId: `r-${i.id.slice(2)}`,
      ownerId: ctx.scope.accountId,
      groupSet: [],
      instancesSet: [
        {
          instanceId: i.id,
          imageId: i.imageId,
          instanceState: { code: STATE_CODES[i.state] ?? 0, name: i.state },
          privateDnsName: `ip-${i.address.replace(/[.#]/g, "-")}.ec2.internal`,
          instanceType: i.instanceType,
          launchTime: i.launchedAt,
          placement: { availabilityZone: i.availabilityZone, tenancy: "default" },
          privateIpAddress: i.address.split("#")[0],
          architecture: "x86_64",
          rootDeviceType: "ebs",
          tagSet: i.asgName ? [{ key: "aws:autoscaling:groupName", value: i.asgName }] : [],
        },
      ],
    })),
  };
};
