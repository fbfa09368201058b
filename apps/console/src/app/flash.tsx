/**
 * Flash messages (the console's flashbar): a page pushes one before navigating, naming the path it
 * belongs to; it shows there and is dropped when the user moves to another page or dismisses it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useLocation } from "react-router";
import type { AlertType } from "../components/Alert.tsx";

export interface Flash {
  id: string;
  type: AlertType;
  header: string;
  content?: ReactNode;
  /** The pathname the flash belongs to; without one it shows on the current page. */
  path?: string;
}

interface FlashApi {
  flashes: Flash[];
  push: (flash: Omit<Flash, "id"> & { id?: string }) => string;
  update: (id: string, flash: Partial<Flash>) => void;
  dismiss: (id: string) => void;
}

const FlashContext = createContext<FlashApi | null>(null);

let counter = 0;

export function FlashProvider({ children }: { children: ReactNode }) {
  const [flashes, setFlashes] = useState<Flash[]>([]);
  const { pathname } = useLocation();
  const lastPath = useRef(pathname);

  useEffect(() => {
    if (lastPath.current === pathname) return;
    lastPath.current = pathname;
    setFlashes((all) => all.filter((f) => f.path === pathname));
  }, [pathname]);

  const push = useCallback<FlashApi["push"]>((flash) => {
    const id = flash.id ?? `flash-${++counter}`;
    setFlashes((all) => [...all.filter((f) => f.id !== id), { ...flash, id, path: flash.path ?? lastPath.current }]);
    return id;
  }, []);
  const update = useCallback<FlashApi["update"]>((id, patch) => {
    setFlashes((all) => all.map((f) => (f.id === id ? { ...f, ...patch } : f)));
  }, []);
  const dismiss = useCallback<FlashApi["dismiss"]>((id) => setFlashes((all) => all.filter((f) => f.id !== id)), []);

  const value = useMemo(() => ({ flashes, push, update, dismiss }), [flashes, push, update, dismiss]);
  return <FlashContext.Provider value={value}>{children}</FlashContext.Provider>;
}

export function useFlash(): FlashApi {
  const ctx = useContext(FlashContext);
  if (!ctx) throw new Error("useFlash outside FlashProvider");
  return ctx;
}
