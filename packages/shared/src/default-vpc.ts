/**
 * The default VPC of a region as EC2 shows it: one default subnet per availability zone. awsvpc tasks
 * (Fargate's always) name subnets; the subnet decides the task's zone. IDs are derived from the region
 * and zone, so they stay the same across restarts and machines, as a lab's instructions expect.
 */
import { availabilityZones } from "./regions.ts";

export interface Subnet {
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  cidrBlock: string;
  defaultForAz: boolean;
}

/** FNV-1a, 32 bits, finalised: a stable hash that runs in the browser too (the console shows subnets). */
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  // MurmurHash3's finaliser, so IDs of similar names do not look alike.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const hex8 = (n: number) => n.toString(16).padStart(8, "0");
const hex17 = (text: string) => `0${hex8(fnv1a(text))}${hex8(fnv1a(text, 0x050c5d1f))}`;

export const defaultVpcId = (region: string) => `vpc-${hex17(`${region}/vpc`)}`;
export const DEFAULT_VPC_CIDR = "172.31.0.0/16";
/** The default VPC's "default" security group, which awsvpc tasks get when they name none. */
export const defaultSecurityGroupId = (region: string) => `sg-${hex17(`${region}/sg/default`)}`;

export function defaultSubnets(region: string): Subnet[] {
  return availabilityZones(region).map((availabilityZone, i) => ({
    subnetId: `subnet-${hex17(`${region}/${availabilityZone}`)}`,
    vpcId: defaultVpcId(region),
    availabilityZone,
    cidrBlock: `172.31.${i * 16}.0/20`,
    defaultForAz: true,
  }));
}

export const SUBNET_ID = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;

/** The zone of a subnet: a default subnet's own, else one picked from the ID so it never changes. */
export function subnetAvailabilityZone(region: string, subnetId: string): string {
  const known = defaultSubnets(region).find((s) => s.subnetId === subnetId);
  if (known) return known.availabilityZone;
  const zones = availabilityZones(region);
  return zones[fnv1a(subnetId) % zones.length]!;
}

/** A 17-digit hex ID derived from a name: the same on every machine (AMI IDs, zone IDs). */
export const stableHex17 = (text: string) => hex17(text);
