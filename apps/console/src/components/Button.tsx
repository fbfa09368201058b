/**
 * Cloudscape's Button as the console uses it: a button submits its form only when it says so
 * (type="submit"), and LinkButton is a Button with an href followed by react-router.
 */
import CloudscapeButton, { type ButtonProps as CloudscapeButtonProps } from "@cloudscape-design/components/button";
import type { ReactNode } from "react";
import { useNavigate } from "react-router";
import { followWith } from "../app/navigation.ts";

export type ButtonVariant = CloudscapeButtonProps.Variant;

export interface ButtonProps {
  variant?: ButtonVariant;
  loading?: boolean;
  disabled?: boolean;
  type?: "button" | "submit";
  onClick?: () => void;
  "aria-label"?: string;
  iconName?: CloudscapeButtonProps["iconName"];
  iconAlign?: CloudscapeButtonProps["iconAlign"];
  children?: ReactNode;
  disabledReason?: string;
}

export function Button({ type, onClick, "aria-label": ariaLabel, ...rest }: ButtonProps) {
  return <CloudscapeButton formAction={type === "submit" ? "submit" : "none"} onClick={() => onClick?.()} ariaLabel={ariaLabel} {...rest} />;
}

/** A router link drawn as a button (e.g. **Create cluster**). */
export function LinkButton({ to, ...rest }: Omit<ButtonProps, "type" | "onClick"> & { to: string }) {
  const navigate = useNavigate();
  return <CloudscapeButton href={to} onFollow={followWith(navigate)} {...rest} />;
}
