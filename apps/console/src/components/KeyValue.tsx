import Box from "@cloudscape-design/components/box";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import SpaceBetween from "@cloudscape-design/components/space-between";
import type { ReactNode } from "react";

export interface KeyValueItem {
  label: string;
  value: ReactNode;
}

/** Label/value pairs in columns, as the console's overview panels show them (Cloudscape's KeyValuePairs). */
export function KeyValueGrid({ items, columns = 3 }: { items: KeyValueItem[]; columns?: 2 | 3 | 4 }) {
  return <KeyValuePairs columns={columns} items={items.map((i) => ({ label: i.label, value: i.value ?? "-" }))} />;
}

/** Small labelled numbers side by side, as a KeyValueGrid value (e.g. a cluster's or service's task counts). */
export function Counts({ items }: { items: [string, number][] }) {
  return (
    <SpaceBetween direction="horizontal" size="l">
      {items.map(([label, value]) => (
        <div key={label}>
          <Box variant="awsui-key-label" fontSize="body-s">
            {label}
          </Box>
          <Box fontSize="heading-m">{value}</Box>
        </div>
      ))}
    </SpaceBetween>
  );
}
