import type { ReactNode } from "react";
import { statusKind, statusText, type StatusKind } from "../lib/format.ts";
import { CheckCircleIcon, ErrorIcon, InfoIcon, PendingIcon, Spinner, StoppedIcon } from "./icons.tsx";

const colors: Record<StatusKind, string> = {
  success: "text-aws-green",
  error: "text-aws-red",
  "in-progress": "text-aws-muted",
  pending: "text-aws-muted",
  stopped: "text-aws-muted",
  info: "text-aws-blue",
  unknown: "text-aws-muted",
};

function Icon({ kind }: { kind: StatusKind }) {
  switch (kind) {
    case "success":
      return <CheckCircleIcon />;
    case "error":
      return <ErrorIcon />;
    case "in-progress":
      return <Spinner />;
    case "pending":
      return <PendingIcon />;
    case "stopped":
      return <StoppedIcon />;
    default:
      return <InfoIcon />;
  }
}

/** A status with its icon: "✓ Running", "○ Stopped". */
export function StatusIndicator({ kind, children }: { kind: StatusKind; children: ReactNode }) {
  return (
    <span className={`inline-flex items-center gap-1.5 ${colors[kind]}`}>
      <span className="shrink-0">
        <Icon kind={kind} />
      </span>
      <span>{children}</span>
    </span>
  );
}

/** An ECS status value (RUNNING, STOPPED, ACTIVE…) drawn with its icon. */
export function StatusBadge({ status }: { status: string | undefined | null }) {
  if (!status) return <>-</>;
  return <StatusIndicator kind={statusKind(status)}>{statusText(status)}</StatusIndicator>;
}
