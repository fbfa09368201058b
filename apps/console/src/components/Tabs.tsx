import CloudscapeTabs from "@cloudscape-design/components/tabs";
import type { ReactNode } from "react";
import { useNavigate } from "react-router";

export interface TabItem {
  id: string;
  label: string;
  href: string;
}

/** Cloudscape's Tabs whose selection lives in the URL (/clusters/demo/tasks): each tab is a link followed by the router. */
export function RouteTabs({ label, tabs, activeId, children }: { label: string; tabs: TabItem[]; activeId: string; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <CloudscapeTabs
      ariaLabel={label}
      activeTabId={activeId}
      onChange={({ detail }) => detail.activeTabHref && void navigate(detail.activeTabHref)}
      tabs={tabs.map((t) => ({ id: t.id, label: t.label, href: t.href, content: t.id === activeId ? children : null }))}
    />
  );
}

/**
 * Tabs that switch a view inside one page. `onSelect` may refuse a tab (the JSON view does while
 * its JSON is not valid) by not changing `activeId`.
 */
export function Tabs<T extends string>({
  label,
  tabs,
  activeId,
  onSelect,
  children,
}: {
  label: string;
  tabs: readonly { id: T; label: string }[];
  activeId: T;
  onSelect: (id: T) => void;
  children: ReactNode;
}) {
  return (
    <CloudscapeTabs
      ariaLabel={label}
      activeTabId={activeId}
      onChange={({ detail }) => detail.activeTabId !== activeId && onSelect(detail.activeTabId as T)}
      tabs={tabs.map((t) => ({ id: t.id, label: t.label, content: t.id === activeId ? children : null }))}
    />
  );
}
