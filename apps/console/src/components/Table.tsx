import type { ReactNode } from "react";
import { Spinner } from "./icons.tsx";

export interface Column<T> {
  id: string;
  header: ReactNode;
  cell: (item: T) => ReactNode;
  /** Keeps the cell on one line. */
  nowrap?: boolean;
}

export interface TableSelection<T> {
  selectedIds: readonly string[];
  onChange: (ids: string[]) => void;
  /** The accessible name of a row's checkbox: "Select <itemLabel>". */
  itemLabel: (item: T) => string;
  isSelectable?: (item: T) => boolean;
}

/** A real <table> with <th scope=col> headers, an optional checkbox column and empty/loading states. */
export function Table<T>({
  label,
  columns,
  items,
  trackBy,
  selection,
  loading,
  loadingText = "Loading resources",
  empty,
}: {
  label: string;
  columns: Column<T>[];
  items: readonly T[];
  trackBy: (item: T) => string;
  selection?: TableSelection<T>;
  loading?: boolean;
  loadingText?: string;
  empty?: ReactNode;
}) {
  const selectable = selection ? items.filter((i) => selection.isSelectable?.(i) ?? true) : [];
  const selected = new Set(selection?.selectedIds ?? []);
  const allSelected = selectable.length > 0 && selectable.every((i) => selected.has(trackBy(i)));
  const someSelected = selectable.some((i) => selected.has(trackBy(i)));
  const span = columns.length + (selection ? 1 : 0);

  return (
    <div className="overflow-x-auto">
      <table aria-label={label} className="w-full border-separate border-spacing-0 text-left">
        <thead>
          <tr>
            {selection && (
              <th scope="col" className="w-10 border-b border-[#c6c6cd] px-3 py-2">
                <input
                  type="checkbox"
                  aria-label="Select all"
                  className="size-4 accent-aws-blue"
                  checked={allSelected}
                  ref={(el) => {
                    if (el) el.indeterminate = someSelected && !allSelected;
                  }}
                  disabled={selectable.length === 0}
                  onChange={() => selection.onChange(allSelected ? [] : selectable.map(trackBy))}
                />
              </th>
            )}
            {columns.map((c) => (
              <th
                key={c.id}
                scope="col"
                className="whitespace-nowrap border-b border-[#c6c6cd] px-2.5 py-2 font-bold text-aws-label"
              >
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {loading && items.length === 0 ? (
            <tr>
              <td colSpan={span} className="px-3 py-6 text-center text-aws-muted">
                <span role="status" className="inline-flex items-center gap-2">
                  <Spinner /> {loadingText}
                </span>
              </td>
            </tr>
          ) : items.length === 0 ? (
            <tr>
              <td colSpan={span} className="px-3 py-6 text-center text-aws-muted">
                {empty ?? "No resources"}
              </td>
            </tr>
          ) : (
            items.map((item) => {
              const id = trackBy(item);
              const isSelected = selected.has(id);
              return (
                <tr key={id} className={isSelected ? "bg-[#f2f8fd]" : "hover:bg-[#f9fafa]"}>
                  {selection && (
                    <td className="border-b border-aws-border px-2.5 py-2.5">
                      <input
                        type="checkbox"
                        aria-label={`Select ${selection.itemLabel(item)}`}
                        className="size-4 accent-aws-blue"
                        checked={isSelected}
                        disabled={!(selection.isSelectable?.(item) ?? true)}
                        onChange={() =>
                          selection.onChange(
                            isSelected ? [...selected].filter((s) => s !== id) : [...selected, id],
                          )
                        }
                      />
                    </td>
                  )}
                  {columns.map((c) => (
                    <td
                      key={c.id}
                      className={`border-b border-aws-border px-2.5 py-2.5 align-top ${c.nowrap ? "whitespace-nowrap" : ""}`}
                    >
                      {c.cell(item)}
                    </td>
                  ))}
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}

/** The empty state inside a table: a bold title, a line of text and an optional action. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-1 py-2">
      <b className="text-aws-label">{title}</b>
      {children && <div>{children}</div>}
      {action && <div className="mt-2">{action}</div>}
    </div>
  );
}
