import { QueryClient } from "@tanstack/react-query";

/** The console's one query cache: pages read it, and routes' loaders fill it ahead of their pages. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Lists poll every 2 s (refetchInterval per query), and stop while the browser tab is hidden.
      refetchIntervalInBackground: false,
      retry: 1,
      staleTime: 1000,
    },
  },
});
