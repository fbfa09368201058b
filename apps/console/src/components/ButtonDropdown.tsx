import { useEffect, useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { useNavigate } from "react-router";
import { Button, type ButtonVariant } from "./Button.tsx";
import { CaretDownIcon } from "./icons.tsx";

export interface DropdownItem {
  id: string;
  text: string;
  disabled?: boolean;
  /** Shown under a disabled item, e.g. why it is not available yet. */
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
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const navigate = useNavigate();

  useEffect(() => {
    if (!open) return;
    const onClick = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("mousedown", onClick);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onClick);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  useEffect(() => {
    if (open) ref.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
  }, [open]);

  const onMenuKey = (e: ReactKeyboardEvent) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    const all = Array.from(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const i = all.indexOf(document.activeElement as HTMLElement);
    const next = all[(i + (e.key === "ArrowDown" ? 1 : all.length - 1)) % all.length];
    next?.focus();
  };

  return (
    <div className="relative inline-block" ref={ref}>
      <Button
        variant={variant}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
        iconRight={<CaretDownIcon />}
      >
        {label}
      </Button>
      {open && (
        <ul
          id={menuId}
          role="menu"
          aria-label={label}
          onKeyDown={onMenuKey}
          className="absolute right-0 z-30 mt-1 min-w-56 rounded-lg border border-[#b6bec9] bg-white py-1 shadow-lg"
        >
          {items.map((item) => (
            <li
              key={item.id}
              role="menuitem"
              tabIndex={-1}
              aria-disabled={item.disabled || undefined}
              aria-label={item.disabled && item.disabledReason ? item.text : undefined}
              title={item.disabled ? item.disabledReason : undefined}
              className={`cursor-pointer px-4 py-1.5 outline-none ${
                item.disabled ? "cursor-default text-[#9ba7b6]" : "hover:bg-[#f2f8fd] focus:bg-[#f2f8fd]"
              }`}
              onClick={() => {
                if (item.disabled) return;
                setOpen(false);
                if (item.href) navigate(item.href);
                item.onSelect?.();
              }}
              onKeyDown={(e) => {
                if ((e.key === "Enter" || e.key === " ") && !item.disabled) {
                  e.preventDefault();
                  setOpen(false);
                  if (item.href) navigate(item.href);
                  item.onSelect?.();
                }
              }}
            >
              <div>{item.text}</div>
              {item.disabled && item.disabledReason && <div className="text-xs text-aws-muted">{item.disabledReason}</div>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
