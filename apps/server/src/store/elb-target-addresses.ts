/**
 * The addresses an account may put behind its load balancers: its instances' (EC2 instances not
 * terminated, and container instances registered by standalone agents) and its running tasks' own
 * addresses (awsvpc network interfaces). A load balancer and its health checker reach nothing else.
 */
import type { Db } from "../db/client.ts";

export interface OwnedAddresses {
  /** EC2 instance id → its loopback address and zone. */
  instances: Map<string, { address: string; zone: string | undefined }>;
  addresses: Set<string>;
}

export async function ownedAddresses(db: Db, accountId: string): Promise<OwnedAddresses> {
  const [ec2, containerInstances, tasks] = await Promise.all([
    db.ec2Instance.findMany({ where: { accountId, state: { not: "terminated" } }, select: { id: true, address: true, availabilityZone: true } }),
    db.containerInstance.findMany({ where: { accountId, status: { in: ["ACTIVE", "DRAINING"] } }, select: { ec2InstanceId: true, address: true } }),
    db.task.findMany({ where: { accountId, lastStatus: { not: "STOPPED" }, bindIP: { not: null } }, select: { bindIP: true } }),
  ]);
  const instances = new Map<string, { address: string; zone: string | undefined }>();
  for (const ci of containerInstances) instances.set(ci.ec2InstanceId, { address: ci.address, zone: undefined });
  for (const i of ec2) instances.set(i.id, { address: i.address, zone: i.availabilityZone });
  const addresses = new Set([...instances.values()].map((i) => i.address));
  for (const t of tasks) if (t.bindIP) addresses.add(t.bindIP);
  return { instances, addresses };
}
