import type { ReactNode } from "react";

export interface KeyValueItem {
  label: string;
  value: ReactNode;
}

/** Label/value pairs in columns, as the console's overview panels show them (<dl>). */
export function KeyValueGrid({ items, columns = 3 }: { items: KeyValueItem[]; columns?: 2 | 3 | 4 }) {
  const cols = { 2: "md:grid-cols-2", 3: "md:grid-cols-3", 4: "md:grid-cols-4" }[columns];
  return (
    <dl className={`grid grid-cols-1 gap-x-8 gap-y-4 ${cols}`}>
      {items.map((item) => (
        <div key={item.label} className="min-w-0">
          <dt className="font-bold text-aws-label">{item.label}</dt>
          <dd className="mt-0.5 break-words">{item.value ?? "-"}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Small labelled numbers side by side, as a KeyValueGrid value (e.g. a cluster's or service's task counts). */
export function Counts({ items }: { items: [string, number][] }) {
  return (
    <span className="flex gap-6">
      {items.map(([label, value]) => (
        <span key={label} className="flex flex-col">
          <span className="text-xs text-aws-muted">{label}</span>
          <span className="text-lg">{value}</span>
        </span>
      ))}
    </span>
  );
}
