import type { ButtonHTMLAttributes, ReactNode } from "react";
import { Link, type LinkProps } from "react-router";
import { Spinner } from "./icons.tsx";

export type ButtonVariant = "primary" | "normal" | "link" | "inline-link" | "icon";

const styles: Record<ButtonVariant, string> = {
  primary:
    "rounded-full border-2 border-aws-blue bg-aws-blue px-5 py-1 font-bold text-white hover:border-aws-blue-dark hover:bg-aws-blue-hover disabled:border-[#e9ebed] disabled:bg-[#e9ebed] disabled:text-[#9ba7b6]",
  normal:
    "rounded-full border-2 border-aws-blue bg-white px-5 py-1 font-bold text-aws-blue hover:border-aws-blue-dark hover:bg-[#f2f8fd] hover:text-aws-blue-dark disabled:border-[#9ba7b6] disabled:bg-white disabled:text-[#9ba7b6]",
  link: "rounded-full border-2 border-transparent px-4 py-1 font-bold text-aws-blue hover:bg-[#f2f8fd] hover:text-aws-blue-dark disabled:text-[#9ba7b6]",
  "inline-link": "text-aws-blue underline-offset-2 hover:underline disabled:text-[#9ba7b6]",
  icon: "rounded-full p-1 text-aws-label hover:text-aws-text disabled:text-[#9ba7b6]",
};

export const buttonClass = (variant: ButtonVariant = "normal") =>
  `inline-flex items-center justify-center gap-1.5 whitespace-nowrap leading-5 no-underline hover:no-underline disabled:cursor-default ${styles[variant]}`;

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  loading?: boolean;
  iconRight?: ReactNode;
}

export function Button({ variant = "normal", loading, iconRight, children, className, type, disabled, ...rest }: ButtonProps) {
  return (
    <button
      type={type ?? "button"}
      className={`${buttonClass(variant)} ${className ?? ""}`}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      {...rest}
    >
      {loading && <Spinner />}
      {children}
      {iconRight}
    </button>
  );
}

/** A router link drawn as a button (e.g. **Create cluster**). */
export function LinkButton({ variant = "normal", className, ...rest }: LinkProps & { variant?: ButtonVariant }) {
  return <Link className={`${buttonClass(variant)} ${className ?? ""}`} {...rest} />;
}
