/**
 * The breadcrumbs of the page shown: a page names them (Page does), the frame shows them in
 * AppLayout's breadcrumbs slot, as the AWS console places them above the page header.
 */
import { useEffect, useSyncExternalStore } from "react";

export interface Crumb {
  text: string;
  href?: string;
}

let current: Crumb[] = [];
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const useBreadcrumbs = (): Crumb[] => useSyncExternalStore(subscribe, () => current);

/** Sets the frame's breadcrumbs while the calling page is shown. */
export function useSetBreadcrumbs(items: Crumb[]): void {
  const key = JSON.stringify(items);
  useEffect(() => {
    current = JSON.parse(key) as Crumb[];
    listeners.forEach((l) => l());
  }, [key]);
}
