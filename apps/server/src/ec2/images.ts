/** DescribeImages: the ECS-optimized AMIs that SSM's public parameters name, owned by Amazon. */
import { ECS_AMI_OWNER, ECS_AMI_RELEASE, ECS_AMIS, ecsAmiId, ecsAmiName } from "@stevedore/shared";
import type { Image } from "@stevedore/shared/aws/models/ec2";
import { AwsError } from "../aws/errors.ts";
import { filterRows } from "./query-filters.ts";
import type { Ec2Action } from "./service.ts";

const CREATED = `${ECS_AMI_RELEASE.date.slice(0, 4)}-${ECS_AMI_RELEASE.date.slice(4, 6)}-${ECS_AMI_RELEASE.date.slice(6, 8)}T00:00:00.000Z`;

export const describeImages: Ec2Action<"DescribeImages"> = async (p, ctx) => {
  const images: Image[] = ECS_AMIS.map((ami) => ({
    ImageId: ecsAmiId(ctx.scope.region, ami),
    Name: ecsAmiName(ami),
    Description: ami.description,
    ImageLocation: `amazon/${ecsAmiName(ami)}`,
    ImageOwnerAlias: "amazon",
    OwnerId: ECS_AMI_OWNER,
    State: "available",
    Public: true,
    Architecture: ami.architecture,
    ImageType: "machine",
    CreationDate: CREATED,
    PlatformDetails: "Linux/UNIX",
    UsageOperation: "RunInstances",
    RootDeviceName: "/dev/xvda",
    RootDeviceType: "ebs",
    VirtualizationType: "hvm",
    Hypervisor: "xen",
    EnaSupport: true,
    SriovNetSupport: "simple",
    BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { DeleteOnTermination: true, VolumeSize: 30, VolumeType: "gp2", Encrypted: false } }],
  }));
  const owners = p.Owners ?? [];
  // Every image here is Amazon's: an owner list without Amazon in it selects none.
  const owned = owners.length && !owners.some((o) => o === "amazon" || o === ECS_AMI_OWNER) ? [] : images;
  for (const id of p.ImageIds ?? []) {
    if (!/^ami-[0-9a-f]+$/.test(id)) throw new AwsError("InvalidAMIID.Malformed", `Invalid id: "${id}" (expecting "ami-...")`);
  }
  const selected = filterRows({ ids: p.ImageIds, filters: p.Filters }, owned, (i) => ({ "image-id": i.ImageId!, name: i.Name!, architecture: i.Architecture!, "owner-alias": "amazon", "owner-id": ECS_AMI_OWNER, state: "available", "root-device-type": "ebs", "virtualization-type": "hvm" }), {
    field: "image-id",
    notFound: "InvalidAMIID.NotFound",
    what: "image id",
  });
  return { Images: selected };
};
