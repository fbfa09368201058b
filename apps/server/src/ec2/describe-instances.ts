/** EC2's DescribeInstances (Query, Version 2016-11-15): the virtual machines and their loopback addresses. */
import type { InstanceStateName } from "@stevedore/shared/aws/models/ec2";
import type { Ec2Action } from "./service.ts";

const STATE_CODES: Record<string, number> = { pending: 0, running: 16, "shutting-down": 32, terminated: 48 };

export const describeInstances: Ec2Action<"DescribeInstances"> = async (p, ctx) => {
  const ids = p.InstanceIds ?? [];
  const rows = await ctx.db.ec2Instance.findMany({ where: ids.length ? { id: { in: ids } } : { state: { not: "terminated" } }, orderBy: { launchedAt: "asc" } });
  return {
    Reservations: rows.map((i) => ({
      ReservationId: `r-${i.id.slice(2)}`,
      OwnerId: ctx.scope.accountId,
      Groups: [],
      Instances: [
        {
          InstanceId: i.id,
          ImageId: i.imageId,
          State: { Code: STATE_CODES[i.state] ?? 0, Name: i.state as InstanceStateName },
          PrivateDnsName: `ip-${i.address.replace(/[.#]/g, "-")}.ec2.internal`,
          InstanceType: i.instanceType as never,
          LaunchTime: i.launchedAt,
          Placement: { AvailabilityZone: i.availabilityZone, Tenancy: "default" as const },
          PrivateIpAddress: i.address.split("#")[0],
          Architecture: "x86_64" as const,
          RootDeviceType: "ebs" as const,
          Tags: i.asgName ? [{ Key: "aws:autoscaling:groupName", Value: i.asgName }] : [],
        },
      ],
    })),
  };
};
