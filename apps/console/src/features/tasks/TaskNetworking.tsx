/**
 * The task page's **Networking**: an awsvpc task's network interface (ENI ID, subnet, private IP) and,
 * for a task whose interface has a public IP (EC2's DescribeNetworkInterfaces), that address with
 * **Open address**.
 */
import type { Task } from "@stevedore/shared";
import { Container } from "../../components/Container.tsx";
import Icon from "@cloudscape-design/components/icon";
import { KeyValueGrid } from "../../components/KeyValue.tsx";
import { taskAddressUrl, taskEni } from "../../lib/networking.ts";
import { useNetworkInterface } from "../networking/queries.ts";

function OpenAddress({ url }: { url: string }) {
  return (
    <a href={url} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1">
      Open address <Icon name="external" />
    </a>
  );
}

export function TaskNetworking({ task }: { task: Task }) {
  const eni = taskEni(task);
  // ECS does not say whether the interface has a public IP; EC2 does, as the AWS console asks it.
  const networkInterface = useNetworkInterface(task.lastStatus === "STOPPED" ? undefined : eni?.networkInterfaceId);
  if (!eni) return null;
  const publicAddress = networkInterface.data?.publicIp;
  const url = publicAddress ? taskAddressUrl(publicAddress, task.containers) : undefined;
  return (
    <Container title="Networking">
      <KeyValueGrid
        columns={3}
        items={[
          { label: "Network mode", value: "awsvpc" },
          { label: "ENI ID", value: <span className="font-mono text-[13px]">{eni.networkInterfaceId ?? "-"}</span> },
          { label: "Subnet ID", value: <span className="font-mono text-[13px]">{eni.subnetId ?? "-"}</span> },
          { label: "Private IP", value: <span className="font-mono text-[13px]">{eni.privateIPv4Address ?? "-"}</span> },
          {
            label: "Public IP",
            value:
              publicAddress && url ? (
                <span className="flex flex-col gap-0.5">
                  <span className="font-mono text-[13px]">{publicAddress}</span>
                  <OpenAddress url={url} />
                </span>
              ) : (
                "-"
              ),
          },
          { label: "Private DNS name", value: <span className="break-all">{eni.privateDnsName ?? "-"}</span> },
          { label: "MAC address", value: <span className="font-mono text-[13px]">{eni.macAddress ?? "-"}</span> },
          { label: "Attachment status", value: eni.status ?? "-" },
        ]}
      />
    </Container>
  );
}
