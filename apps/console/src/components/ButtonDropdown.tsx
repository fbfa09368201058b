/** Cloudscape's ButtonDropdown with the console's items: an action, or a route to open. */
import CloudscapeButtonDropdown from "@cloudscape-design/components/button-dropdown";
import { useNavigate } from "react-router";
import type { ButtonVariant } from "./Button.tsx";

export interface DropdownItem {
  id: string;
  text: string;
  disabled?: boolean;
  /** Shown with a disabled item, e.g. why it is not available yet. */
  disabledReason?: string;
  href?: string;
  onSelect?: () => void;
}

/** A button that opens a menu (role=menu, role=menuitem), like the console's **Stop** and **Deploy** menus. */
export function ButtonDropdown({
  label,
  items,
  variant = "normal",
  disabled,
}: {
  label: string;
  items: DropdownItem[];
  variant?: ButtonVariant;
  disabled?: boolean;
}) {
  const navigate = useNavigate();
  return (
    <CloudscapeButtonDropdown
      variant={variant === "primary" ? "primary" : "normal"}
      disabled={disabled}
      items={items.map((i) => ({ id: i.id, text: i.text, disabled: i.disabled, disabledReason: i.disabledReason }))}
      onItemClick={({ detail }) => {
        const item = items.find((i) => i.id === detail.id);
        if (!item || item.disabled) return;
        if (item.href) void navigate(item.href);
        item.onSelect?.();
      }}
    >
      {label}
    </CloudscapeButtonDropdown>
  );
}
