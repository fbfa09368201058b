import { Fragment, useId, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from "react";
import { Link, useNavigate } from "react-router";

/** What every tab element gets: role=tab, aria-selected, its panel, roving tabindex, the look. */
interface TabProps {
  id: string;
  role: "tab";
  "aria-selected": boolean;
  "aria-controls"?: string;
  tabIndex: number;
  className: string;
  children: ReactNode;
}

const tabClass = (selected: boolean) =>
  `-mb-px border-b-4 px-4 py-2 font-bold no-underline hover:no-underline ${
    selected ? "border-aws-blue text-aws-blue" : "border-transparent text-aws-label hover:text-aws-blue"
  }`;

/** role=tablist with arrow keys between tabs, and one role=tabpanel for the selected tab. */
function TabStrip<T extends { id: string; label: string }>({
  label,
  tabs,
  activeId,
  onSelect,
  renderTab,
  children,
}: {
  label: string;
  tabs: readonly T[];
  activeId: string;
  onSelect: (tab: T) => void;
  renderTab: (tab: T, props: TabProps) => ReactNode;
  children: ReactNode;
}) {
  const base = useId();
  const tabId = (id: string) => `${base}-tab-${id}`;
  const panelId = `${base}-panel`;
  const onKeyDown = (e: ReactKeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === activeId);
    const next =
      e.key === "ArrowRight" ? tabs[(i + 1) % tabs.length] : e.key === "ArrowLeft" ? tabs[(i - 1 + tabs.length) % tabs.length] : undefined;
    if (!next) return;
    e.preventDefault();
    onSelect(next);
    requestAnimationFrame(() => document.getElementById(tabId(next.id))?.focus());
  };
  return (
    <div className="flex flex-col gap-4">
      <div role="tablist" aria-label={label} onKeyDown={onKeyDown} className="flex flex-wrap gap-0 border-b border-[#b6bec9]">
        {tabs.map((t) => {
          const selected = t.id === activeId;
          return (
            <Fragment key={t.id}>
              {renderTab(t, {
                id: tabId(t.id),
                role: "tab",
                "aria-selected": selected,
                "aria-controls": selected ? panelId : undefined,
                tabIndex: selected ? 0 : -1,
                className: tabClass(selected),
                children: t.label,
              })}
            </Fragment>
          );
        })}
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(activeId)}>
        {children}
      </div>
    </div>
  );
}

export interface TabItem {
  id: string;
  label: string;
  href: string;
}

/** Tabs whose selection lives in the URL (/clusters/demo/tasks): each tab is a link. */
export function RouteTabs({ label, tabs, activeId, children }: { label: string; tabs: TabItem[]; activeId: string; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <TabStrip label={label} tabs={tabs} activeId={activeId} onSelect={(t) => navigate(t.href)} renderTab={(t, props) => <Link {...props} to={t.href} />}>
      {children}
    </TabStrip>
  );
}

/**
 * Tabs that switch a view inside one page (buttons). `onSelect` may refuse a tab (the JSON view does
 * while its JSON is not valid) by not changing `activeId`.
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
  const select = (id: T) => id === activeId || onSelect(id);
  return (
    <TabStrip
      label={label}
      tabs={tabs}
      activeId={activeId}
      onSelect={(t) => select(t.id)}
      renderTab={(t, props) => <button {...props} type="button" onClick={() => select(t.id)} />}
    >
      {children}
    </TabStrip>
  );
}
