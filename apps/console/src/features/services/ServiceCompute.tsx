/** A service's compute, read-only: its capacity provider strategy or launch type, and Fargate's platform version. */
import { KeyValueGrid, type KeyValueItem } from "../../components/KeyValue.tsx";
import { strategyItemText } from "../../lib/compute.ts";
import type { Service } from "../../api/services.ts";

export function computeItems(service: Pick<Service, "launchType" | "capacityProviderStrategy" | "platformVersion">): KeyValueItem[] {
  const strategy = service.capacityProviderStrategy ?? [];
  return [
    strategy.length
      ? {
          label: "Capacity provider strategy",
          value: (
            <ul className="flex flex-col gap-0.5">
              {strategy.map((s) => (
                <li key={s.capacityProvider}>{strategyItemText(s)}</li>
              ))}
            </ul>
          ),
        }
      : { label: "Launch type", value: service.launchType ?? "-" },
    { label: "Platform version", value: service.platformVersion ?? "-" },
  ];
}

export function ComputeSummary({ service }: { service: Pick<Service, "launchType" | "capacityProviderStrategy" | "platformVersion"> }) {
  return <KeyValueGrid columns={3} items={computeItems(service)} />;
}
