/** What a resource page shows while its resource loads, fails to load, or is not there. */
import type { ReactNode } from "react";
import { Alert } from "./Alert.tsx";
import Spinner from "@cloudscape-design/components/spinner";

export function LoadState({
  what,
  query,
  missing,
  notFound,
}: {
  /** "service", "task", "cluster": for "Loading service", "Failed to load service", "Service not found". */
  what: string;
  query: { isPending: boolean; error: Error | null };
  missing: boolean;
  notFound: ReactNode;
}) {
  const title = what.charAt(0).toUpperCase() + what.slice(1);
  return (
    <>
      {query.isPending && (
        <div role="status" className="flex items-center gap-2 text-aws-muted">
          <Spinner /> Loading {what}
        </div>
      )}
      {query.error && (
        <Alert type="error" header={`Failed to load ${what}`}>
          {query.error.message}
        </Alert>
      )}
      {missing && (
        <Alert type="error" header={`${title} not found`}>
          {notFound}
        </Alert>
      )}
    </>
  );
}
