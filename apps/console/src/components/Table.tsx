/**
 * The console's tables: Cloudscape's Table driven by collection hooks, as the ECS console has them:
 * text filtering, sorting by column, pagination with a page size preference, visible columns and
 * row selection. Lists the server pages (nextToken) arrive page by page: `more` says another page
 * can be loaded, and the pagination stays open-ended until the last one has come.
 */
import { useCollection } from "@cloudscape-design/collection-hooks";
import Box from "@cloudscape-design/components/box";
import type { CollectionPreferencesProps } from "@cloudscape-design/components/collection-preferences";
import Pagination from "@cloudscape-design/components/pagination";
import CloudscapeTable, { type TableProps } from "@cloudscape-design/components/table";
import TextFilter from "@cloudscape-design/components/text-filter";
import { lazy, Suspense, useEffect, useState, type ReactNode } from "react";

/** The preferences dialog's code loads after the table's first rows. */
const TablePreferences = lazy(() => import("./TablePreferences.tsx"));

export interface Column<T> {
  id: string;
  header: ReactNode;
  cell: (item: T) => ReactNode;
  /** Keeps the cell on one line. */
  nowrap?: boolean;
  /** Sorts by this value (the column header becomes a sort button). */
  sortValue?: (item: T) => string | number | undefined;
  /** What the text filter reads in this column (defaults to the sort value). */
  filterText?: (item: T) => string | undefined;
  /** Hidden until chosen in the preferences. */
  hiddenByDefault?: boolean;
}

export interface TableSelection<T> {
  selectedIds: readonly string[];
  onChange: (ids: string[]) => void;
  /** The accessible name of a row's checkbox: "Select <itemLabel>". */
  itemLabel: (item: T) => string;
  isSelectable?: (item: T) => boolean;
  /** One row at a time (radio buttons). */
  single?: boolean;
}

/** Server paging: another page can be fetched (nextToken), and how. */
export interface MorePages {
  hasMore: boolean;
  loading: boolean;
  load: () => void;
}

const PAGE_SIZES = [10, 25, 50, 100];

/** The page size and visible columns a user chose for a table, kept in this browser per table. */
function usePreferences(key: string, columns: readonly Column<unknown>[], defaultPageSize: number) {
  const storageKey = `stevedore.table.${key}`;
  const initial = (): CollectionPreferencesProps.Preferences => {
    try {
      const saved = JSON.parse(localStorage.getItem(storageKey) ?? "null") as CollectionPreferencesProps.Preferences | null;
      if (saved) return saved;
    } catch {
      // fall through to the defaults
    }
    return {
      pageSize: defaultPageSize,
      wrapLines: false,
      contentDisplay: columns.map((c) => ({ id: c.id, visible: !c.hiddenByDefault })),
    };
  };
  const [prefs, setPrefs] = useState(initial);
  useEffect(() => localStorage.setItem(storageKey, JSON.stringify(prefs)), [storageKey, prefs]);
  return [prefs, setPrefs] as const;
}

export function Table<T>({
  label,
  columns,
  items,
  trackBy,
  selection,
  loading,
  loadingText = "Loading resources",
  empty,
  header,
  filterLabel,
  filters,
  pageSize = 25,
  more,
  variant = "embedded",
  preferencesKey,
}: {
  label: string;
  columns: Column<T>[];
  items: readonly T[];
  trackBy: (item: T) => string;
  selection?: TableSelection<T>;
  loading?: boolean;
  loadingText?: string;
  empty?: ReactNode;
  /** Cloudscape's table header (a Header with counter and actions), for a full-page table. */
  header?: ReactNode;
  /** The text filter's label ("Filter tasks"); none, no filter. */
  filterLabel?: string;
  /** More filter controls next to the text filter (a status select). */
  filters?: ReactNode;
  pageSize?: number;
  more?: MorePages;
  variant?: TableProps.Variant;
  /** Where the page size and columns chosen are remembered; the label when not given. */
  preferencesKey?: string;
}) {
  const [prefs, setPrefs] = usePreferences(preferencesKey ?? label, columns as Column<unknown>[], pageSize);
  const filterable = columns.filter((c) => c.filterText || c.sortValue);
  const { items: shown, collectionProps, filterProps, paginationProps, filteredItemsCount } = useCollection(items as T[], {
    filtering: filterLabel
      ? {
          empty,
          noMatch: (
            <Box textAlign="center" color="inherit">
              <b>No matches</b>
              <Box variant="p" color="inherit">
                We can't find a match.
              </Box>
            </Box>
          ),
          filteringFunction: (item, text) => {
            const needle = text.toLowerCase();
            return filterable.some((c) => String((c.filterText ?? c.sortValue)!(item) ?? "").toLowerCase().includes(needle));
          },
        }
      : undefined,
    sorting: {},
    pagination: { pageSize: prefs.pageSize ?? pageSize },
  });

  const selectedItems = selection ? items.filter((i) => selection.selectedIds.includes(trackBy(i))) : undefined;
  const columnDefinitions: TableProps.ColumnDefinition<T>[] = columns.map((c) => ({
    id: c.id,
    header: c.header,
    cell: c.cell,
    sortingField: c.sortValue ? c.id : undefined,
    sortingComparator: c.sortValue
      ? (a: T, b: T) => {
          const x = c.sortValue!(a) ?? "";
          const y = c.sortValue!(b) ?? "";
          return typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
        }
      : undefined,
  }));
  // Columns this table has now but the saved preferences do not name yet show, after the saved ones.
  const saved = (prefs.contentDisplay ?? []).filter((d) => columns.some((c) => c.id === d.id));
  const columnDisplay = [...saved, ...columns.filter((c) => !saved.some((d) => d.id === c.id)).map((c) => ({ id: c.id, visible: !c.hiddenByDefault }))];
  const pages = paginationProps.pagesCount;
  const openEnd = !!more?.hasMore;

  return (
    <CloudscapeTable<T>
      {...collectionProps}
      variant={variant}
      header={header}
      items={shown}
      trackBy={trackBy}
      columnDefinitions={columnDefinitions}
      columnDisplay={columnDisplay}
      wrapLines={prefs.wrapLines}
      loading={loading && items.length === 0}
      loadingText={loadingText}
      empty={collectionProps.empty ?? empty}
      ariaLabels={{
        tableLabel: label,
        itemSelectionLabel: (_, item) => `Select ${selection?.itemLabel(item) ?? trackBy(item)}`,
        allItemsSelectionLabel: () => "Select all",
        selectionGroupLabel: "Items selection",
      }}
      selectionType={selection ? (selection.single ? "single" : "multi") : undefined}
      selectedItems={selectedItems}
      isItemDisabled={selection?.isSelectable ? (i) => !selection.isSelectable!(i) : undefined}
      onSelectionChange={({ detail }) => selection?.onChange(detail.selectedItems.map(trackBy))}
      filter={
        filterLabel || filters ? (
          <div style={{ display: "flex", flexWrap: "wrap", gap: 12, alignItems: "center" }}>
            {filterLabel && (
              <div style={{ flex: "1 1 280px", maxWidth: 480 }}>
                <TextFilter
                  {...filterProps}
                  filteringAriaLabel={filterLabel}
                  filteringPlaceholder={filterLabel}
                  filteringClearAriaLabel="Clear"
                  countText={filterProps.filteringText ? `${filteredItemsCount ?? 0} ${filteredItemsCount === 1 ? "match" : "matches"}` : undefined}
                />
              </div>
            )}
            {filters}
          </div>
        ) : undefined
      }
      pagination={
        pages > 1 || openEnd ? (
          <Pagination
            {...paginationProps}
            openEnd={openEnd}
            onChange={(event) => {
              // Past the last loaded page: fetch the server's next page first.
              if (openEnd && event.detail.currentPageIndex > pages) more!.load();
              paginationProps.onChange(event);
            }}
            onNextPageClick={({ detail }) => {
              if (openEnd && !detail.requestedPageAvailable) more!.load();
            }}
            ariaLabels={{ nextPageLabel: "Next page", previousPageLabel: "Previous page", pageLabel: (n) => `Page ${n}` }}
          />
        ) : undefined
      }
      preferences={
        <Suspense fallback={null}>
          <TablePreferences
            preferences={{ ...prefs, contentDisplay: columnDisplay }}
            onConfirm={setPrefs}
            pageSizes={PAGE_SIZES}
            columns={columns.map((c) => ({ id: c.id, label: typeof c.header === "string" ? c.header : c.id, alwaysVisible: c === columns[0] }))}
          />
        </Suspense>
      }
    />
  );
}

/** The empty state inside a table: a bold title, a line of text and an optional action. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <Box textAlign="center" color="inherit">
      <b>{title}</b>
      {children && (
        <Box variant="p" color="inherit">
          {children}
        </Box>
      )}
      {action}
    </Box>
  );
}
