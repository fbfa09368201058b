import { useEffect, useId, useRef, type ReactNode } from "react";
import { CloseIcon } from "./icons.tsx";

/** A modal dialog (role=dialog, aria-modal) that closes on Escape and on its X. */
export function Modal({
  title,
  children,
  footer,
  onDismiss,
}: {
  title: string;
  children: ReactNode;
  footer?: ReactNode;
  onDismiss: () => void;
}) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const focusable = ref.current?.querySelector<HTMLElement>("input, textarea, select");
    (focusable ?? ref.current)?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onDismiss();
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      previous?.focus?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center overflow-y-auto bg-[rgba(35,43,55,0.7)] p-6 pt-[10vh]">
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className="w-full max-w-xl rounded-2xl bg-white shadow-xl outline-none"
      >
        <div className="flex items-start justify-between gap-4 border-b border-aws-border px-6 py-4">
          <h2 id={titleId} className="text-lg font-bold">
            {title}
          </h2>
          <button type="button" aria-label="Close modal" onClick={onDismiss} className="text-aws-label hover:text-aws-text">
            <CloseIcon />
          </button>
        </div>
        <div className="flex flex-col gap-4 px-6 py-4">{children}</div>
        {footer && <div className="flex justify-end gap-2 border-t border-aws-border px-6 py-4">{footer}</div>}
      </div>
    </div>
  );
}
