/** Cloudscape's Link, followed by react-router (no page reload), with react-router's `to`. */
import CloudscapeLink, { type LinkProps as CloudscapeLinkProps } from "@cloudscape-design/components/link";
import type { ReactNode } from "react";
import { useNavigate } from "react-router";
import { followWith } from "../app/navigation.ts";

export interface LinkProps extends Omit<CloudscapeLinkProps, "href" | "onFollow"> {
  to: string;
  children?: ReactNode;
}

export function Link({ to, ...rest }: LinkProps) {
  const navigate = useNavigate();
  return <CloudscapeLink href={to} onFollow={followWith(navigate)} {...rest} />;
}
