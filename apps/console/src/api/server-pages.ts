/**
 * A list the API pages (nextToken), loaded page by page as the AWS console does: the first page
 * shows at once, the next one is fetched when the user pages past what is loaded. Filtering and
 * sorting apply to what is loaded. Loaded pages refresh together while the tab is shown.
 */
import { useInfiniteQuery, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { useMemo } from "react";
import { LIVE_INTERVAL_MS } from "./query-keys.ts";

export interface ServerPage<T> {
  items: T[];
  nextToken?: string;
}

/** How many items one API page asks for (ECS's List* actions answer at most 100). */
export const API_PAGE_SIZE = 100;

export function useServerPages<T>(queryKey: QueryKey, fetchPage: (nextToken: string | undefined, signal: AbortSignal) => Promise<ServerPage<T>>) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextToken,
    refetchInterval: LIVE_INTERVAL_MS,
  });
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  return {
    items,
    loaded: !!query.data,
    isPending: query.isPending,
    error: query.error,
    refetch: query.refetch,
    more: {
      hasMore: !!query.hasNextPage,
      loading: query.isFetchingNextPage,
      load: () => void query.fetchNextPage(),
    },
  };
}

/** Starts loading the first page of such a list into the cache, so the page that shows it finds it there. */
export function prefetchFirstPage<T>(client: QueryClient, queryKey: QueryKey, fetchPage: (nextToken: string | undefined, signal: AbortSignal) => Promise<ServerPage<T>>) {
  return client.prefetchInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam as string | undefined, signal),
    initialPageParam: undefined as string | undefined,
  });
}
