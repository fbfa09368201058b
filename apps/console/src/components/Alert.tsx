import CloudscapeAlert from "@cloudscape-design/components/alert";
import { useEffect, useRef, type ReactNode } from "react";

export type AlertType = "success" | "error" | "warning" | "info" | "in-progress";

/**
 * Cloudscape's Alert. "in-progress" (a flashbar state) shows as info; errors and warnings stay
 * role=alert for assistive technology and scripted tests.
 */
export function Alert({
  type,
  header,
  children,
  onDismiss,
  action,
  scrollIntoView,
}: {
  type: AlertType;
  header?: ReactNode;
  children?: ReactNode;
  onDismiss?: () => void;
  action?: ReactNode;
  /** Scrolls the alert into view when it appears (form errors shown above a long form). */
  scrollIntoView?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (scrollIntoView) ref.current?.scrollIntoView?.({ block: "center" });
  }, [scrollIntoView]);
  return (
    <div ref={ref} role={type === "error" || type === "warning" ? "alert" : "status"}>
      <CloudscapeAlert
        type={type === "in-progress" ? "info" : type}
        header={header}
        action={action}
        dismissible={!!onDismiss}
        onDismiss={onDismiss}
        dismissAriaLabel="Dismiss"
      >
        {children}
      </CloudscapeAlert>
    </div>
  );
}

/** A failed read, above the table it should have filled. */
export function LoadError({ error, header }: { error: Error | null; header: string }) {
  if (!error) return null;
  return (
    <Alert type="error" header={header}>
      {error.message}
    </Alert>
  );
}
