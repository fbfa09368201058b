/**
 * The visual preferences AWS's console offers in its settings menu: dark mode and compact density,
 * applied through Cloudscape's global styles and remembered in this browser.
 */
import { applyDensity, applyMode, Density, Mode } from "@cloudscape-design/global-styles";
import { useEffect, useState } from "react";

export interface VisualPreferences {
  dark: boolean;
  compact: boolean;
}

const KEY = "stevedore.visual-preferences";

function read(): VisualPreferences {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? "{}") as Partial<VisualPreferences>;
    return { dark: saved.dark === true, compact: saved.compact === true };
  } catch {
    return { dark: false, compact: false };
  }
}

function apply(p: VisualPreferences) {
  applyMode(p.dark ? Mode.Dark : Mode.Light);
  applyDensity(p.compact ? Density.Compact : Density.Comfortable);
}

/** Applied once before the first render, so a dark page never flashes light. */
export const initialPreferences = read();
apply(initialPreferences);

export function useVisualPreferences(): [VisualPreferences, (patch: Partial<VisualPreferences>) => void] {
  const [prefs, setPrefs] = useState(initialPreferences);
  useEffect(() => {
    apply(prefs);
    localStorage.setItem(KEY, JSON.stringify(prefs));
  }, [prefs]);
  return [prefs, (patch) => setPrefs((p) => ({ ...p, ...patch }))];
}
