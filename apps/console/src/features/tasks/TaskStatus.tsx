import type { Task } from "@stevedore/shared";
import { useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { StatusBadge } from "../../components/StatusIndicator.tsx";

/**
 * A task's Last status. When stopped, the status is a button that pops up the stopped reason, as
 * the console's Tasks tab does. The popover is portalled so the table's scroll box does not clip it.
 */
export function LastStatus({ task }: { task: Task }) {
  const [anchor, setAnchor] = useState<DOMRect | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popoverRef = useRef<HTMLDivElement>(null);
  const id = useId();
  const open = anchor !== null;

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      const target = e.target as Node;
      if (!popoverRef.current?.contains(target) && !buttonRef.current?.contains(target)) setAnchor(null);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setAnchor(null);
        buttonRef.current?.focus();
      }
    };
    const onScroll = () => setAnchor(buttonRef.current?.getBoundingClientRect() ?? null);
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", onKey);
    window.addEventListener("scroll", onScroll, true);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", onKey);
      window.removeEventListener("scroll", onScroll, true);
    };
  }, [open]);

  if (task.lastStatus !== "STOPPED") return <StatusBadge status={task.lastStatus} />;
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="underline decoration-dotted decoration-2 underline-offset-4"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setAnchor(open ? null : (buttonRef.current?.getBoundingClientRect() ?? null))}
      >
        <StatusBadge status={task.lastStatus} />
      </button>
      {anchor &&
        createPortal(
          <div
            ref={popoverRef}
            id={id}
            role="dialog"
            aria-label="Stopped reason"
            style={{ position: "fixed", top: anchor.bottom + 6, left: Math.max(8, anchor.left) }}
            className="z-40 w-80 rounded-lg border border-[#b6bec9] bg-white p-4 text-left shadow-lg"
          >
            <div className="font-bold">Stopped reason</div>
            <div className="mt-1 break-words">{task.stoppedReason || "-"}</div>
            {task.stopCode && (
              <div className="mt-2 text-sm text-aws-muted">
                Stop code: <span className="text-aws-text">{task.stopCode}</span>
              </div>
            )}
          </div>,
          document.body,
        )}
    </>
  );
}
