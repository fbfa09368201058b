import type { ReactNode } from "react";
import { patchAt, removeAt } from "../lib/lists.ts";
import { Button } from "./Button.tsx";

/**
 * Repeated rows (port mappings, environment variables, tags...): each row is a group named by
 * `rowLabel` ("Port mapping 1") with a **Remove** button, and an add button below.
 */
export function RowList<T>({
  rows,
  onChange,
  newRow,
  rowLabel,
  addLabel,
  emptyText,
  max,
  noun,
  error,
  children,
}: {
  rows: readonly T[];
  onChange: (rows: T[]) => void;
  newRow: () => T;
  rowLabel: (index: number) => string;
  addLabel: string;
  emptyText?: ReactNode;
  /** With `noun`: "You can add N more tags." */
  max?: number;
  noun?: string;
  /** An issue of the whole list. */
  error?: string;
  children: (row: T, set: (patch: Partial<T>) => void, label: string, index: number) => ReactNode;
}) {
  return (
    <div className="flex flex-col gap-3">
      {rows.length === 0 && emptyText && <div className="text-aws-muted">{emptyText}</div>}
      {rows.map((row, i) => {
        const label = rowLabel(i);
        return (
          <div key={i} role="group" aria-label={label} className="flex flex-wrap items-start gap-3">
            {children(row, (patch) => onChange(patchAt(rows, i, patch)), label, i)}
            <div className="mt-6">
            <Button aria-label={`Remove ${label.toLowerCase()}`} onClick={() => onChange(removeAt(rows, i))}>
              Remove
            </Button>
            </div>
          </div>
        );
      })}
      {error && (
        <div role="alert" className="text-xs text-aws-red">
          {error}
        </div>
      )}
      <div>
        <Button disabled={max !== undefined && rows.length >= max} onClick={() => onChange([...rows, newRow()])}>
          {addLabel}
        </Button>
        {max !== undefined && noun && (
          <div className="mt-1 text-xs text-aws-muted">
            You can add {max - rows.length} more {noun}.
          </div>
        )}
      </div>
    </div>
  );
}
