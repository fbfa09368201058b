import CloudscapeStatusIndicator, { type StatusIndicatorProps } from "@cloudscape-design/components/status-indicator";
import type { ReactNode } from "react";
import { statusKind, statusText, type StatusKind } from "../lib/format.ts";

const TYPES: Record<StatusKind, StatusIndicatorProps.Type> = {
  success: "success",
  error: "error",
  "in-progress": "in-progress",
  pending: "pending",
  stopped: "stopped",
  info: "info",
  unknown: "info",
};

/** Cloudscape's StatusIndicator for the console's kinds of status: "✓ Running", "○ Stopped". */
export function StatusIndicator({ kind, children }: { kind: StatusKind; children: ReactNode }) {
  return <CloudscapeStatusIndicator type={TYPES[kind]}>{children}</CloudscapeStatusIndicator>;
}

/** An ECS status value (RUNNING, STOPPED, ACTIVE…) drawn with its icon. */
export function StatusBadge({ status }: { status: string | undefined | null }) {
  if (!status) return <>-</>;
  return <StatusIndicator kind={statusKind(status)}>{statusText(status)}</StatusIndicator>;
}
