import CloudscapeToggle from "@cloudscape-design/components/toggle";
import type { ReactNode } from "react";

/**
 * Cloudscape's Toggle, with an optional state text ("Turned on"). Its input says role=switch, as an
 * on/off control is announced (Cloudscape leaves it a checkbox).
 */
export function Toggle({
  label,
  checked,
  onChange,
  stateText,
  disabled,
}: {
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  stateText?: ReactNode;
  disabled?: boolean;
  describedBy?: string;
}) {
  return (
    <CloudscapeToggle nativeInputAttributes={{ role: "switch" }} checked={checked} disabled={disabled} onChange={({ detail }) => onChange(detail.checked)} description={stateText}>
      {label}
    </CloudscapeToggle>
  );
}
