import { useId, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from "react";
import { Link, useNavigate } from "react-router";

export interface TabItem {
  id: string;
  label: string;
  href: string;
}

/**
 * Tabs whose selection lives in the URL (/clusters/demo/tasks), drawn as role=tablist with
 * role=tab links (aria-selected) and one role=tabpanel for the selected tab.
 */
export function RouteTabs({
  label,
  tabs,
  activeId,
  children,
}: {
  label: string;
  tabs: TabItem[];
  activeId: string;
  children: ReactNode;
}) {
  const base = useId();
  const tabId = (id: string) => `${base}-tab-${id}`;
  const panelId = `${base}-panel`;
  const navigate = useNavigate();
  // Arrow keys move between tabs, as the tabs pattern expects.
  const onKeyDown = (e: ReactKeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === activeId);
    const next =
      e.key === "ArrowRight" ? tabs[(i + 1) % tabs.length] : e.key === "ArrowLeft" ? tabs[(i - 1 + tabs.length) % tabs.length] : undefined;
    if (!next) return;
    e.preventDefault();
    navigate(next.href);
    requestAnimationFrame(() => document.getElementById(tabId(next.id))?.focus());
  };
  return (
    <div className="flex flex-col gap-4">
      <div role="tablist" aria-label={label} onKeyDown={onKeyDown} className="flex flex-wrap gap-0 border-b border-[#b6bec9]">
        {tabs.map((t) => {
          const selected = t.id === activeId;
          return (
            <Link
              key={t.id}
              id={tabId(t.id)}
              role="tab"
              to={t.href}
              aria-selected={selected}
              aria-controls={selected ? panelId : undefined}
              tabIndex={selected ? 0 : -1}
              className={`-mb-px border-b-4 px-4 py-2 font-bold no-underline hover:no-underline ${
                selected
                  ? "border-aws-blue text-aws-blue"
                  : "border-transparent text-aws-label hover:text-aws-blue"
              }`}
            >
              {t.label}
            </Link>
          );
        })}
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(activeId)}>
        {children}
      </div>
    </div>
  );
}
