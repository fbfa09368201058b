/** Cloudscape's links carry an href; the console follows them with react-router instead of reloading. */
import type { NavigateFunction } from "react-router";

interface FollowEvent {
  preventDefault(): void;
  detail: { href?: string; external?: boolean };
}

/** An onFollow handler for SideNavigation, BreadcrumbGroup, Link, Button and TopNavigation. */
export const followWith =
  (navigate: NavigateFunction) =>
  (event: FollowEvent): void => {
    const href = event.detail.href;
    if (!href || event.detail.external || /^https?:/.test(href)) return;
    event.preventDefault();
    void navigate(href);
  };
