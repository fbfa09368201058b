import { useEffect, useRef, type ReactNode } from "react";
import { CheckCircleIcon, CloseIcon, ErrorIcon, InfoIcon, Spinner, WarningIcon } from "./icons.tsx";

export type AlertType = "success" | "error" | "warning" | "info" | "in-progress";

const tone: Record<AlertType, string> = {
  success: "border-[#037f0c] bg-[#f2fcf3] [&_.alert-icon]:text-[#037f0c]",
  error: "border-[#d91515] bg-[#fff7f7] [&_.alert-icon]:text-[#d91515]",
  warning: "border-[#8d6605] bg-[#fffce9] [&_.alert-icon]:text-[#8d6605]",
  info: "border-[#0972d3] bg-[#f2f8fd] [&_.alert-icon]:text-[#0972d3]",
  "in-progress": "border-[#0972d3] bg-[#f2f8fd] [&_.alert-icon]:text-[#0972d3]",
};

export function AlertIcon({ type }: { type: AlertType }) {
  switch (type) {
    case "success":
      return <CheckCircleIcon />;
    case "error":
      return <ErrorIcon />;
    case "warning":
      return <WarningIcon />;
    case "in-progress":
      return <Spinner />;
    default:
      return <InfoIcon />;
  }
}

const flashTone: Record<AlertType, string> = {
  success: "bg-[#037f0c] text-white",
  error: "bg-[#d91515] text-white",
  warning: "bg-[#fbd332] text-aws-text",
  info: "bg-[#0972d3] text-white",
  "in-progress": "bg-[#0972d3] text-white",
};

/**
 * An in-page alert, or with `flash` a flashbar item (solid colour, as the console's notifications).
 * Errors and warnings are role=alert, the rest role=status.
 */
export function Alert({
  type,
  header,
  children,
  onDismiss,
  action,
  flash,
  scrollIntoView,
}: {
  type: AlertType;
  header?: ReactNode;
  children?: ReactNode;
  onDismiss?: () => void;
  action?: ReactNode;
  flash?: boolean;
  /** Scrolls the alert into view when it appears (form errors shown above a long form). */
  scrollIntoView?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (scrollIntoView) ref.current?.scrollIntoView?.({ block: "center" });
  }, [scrollIntoView]);
  const look = flash
    ? `rounded-xl px-4 py-3 shadow-sm ${flashTone[type]} [&_a]:text-inherit [&_a]:underline [&_button]:text-inherit`
    : `rounded-xl border-2 px-4 py-3 ${tone[type]}`;
  return (
    <div ref={ref} role={type === "error" || type === "warning" ? "alert" : "status"} className={`flex items-start gap-3 ${look}`}>
      <span className="alert-icon mt-0.5 shrink-0">
        <AlertIcon type={type} />
      </span>
      <div className="min-w-0 flex-1">
        {header && <div className="font-bold">{header}</div>}
        {children && <div className="break-words">{children}</div>}
      </div>
      {action}
      {onDismiss && (
        <button type="button" aria-label="Dismiss" onClick={onDismiss} className="shrink-0 text-aws-label hover:text-aws-text">
          <CloseIcon />
        </button>
      )}
    </div>
  );
}

/** A failed read, above the table it should have filled. */
export function LoadError({ error, header }: { error: Error | null; header: string }) {
  if (!error) return null;
  return (
    <div className="mb-3">
      <Alert type="error" header={header}>
        {error.message}
      </Alert>
    </div>
  );
}
