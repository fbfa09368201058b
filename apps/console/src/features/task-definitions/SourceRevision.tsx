import type { Tag, TaskDefinition } from "@stevedore/shared";
import type { ReactNode } from "react";
import type { Crumb } from "../../app/Page.tsx";
import { Alert } from "../../components/Alert.tsx";
import Spinner from "@cloudscape-design/components/spinner";
import { splitTaskDefinitionRef } from "../../lib/format.ts";
import { useTaskDefinition } from "./queries.ts";

/** What a page that starts from revision `from` ("family:rev") links back to. */
export function revisionSource(from: string): { family: string; crumbs: Crumb[]; cancelTo: string } {
  const { family, revision } = splitTaskDefinitionRef(from);
  const familyPath = `/task-definitions/${encodeURIComponent(family)}`;
  return from
    ? { family, crumbs: [{ text: family, href: familyPath }], cancelTo: revision ? `${familyPath}/${revision}/containers` : familyPath }
    : { family: "", crumbs: [], cancelTo: "/task-definitions" };
}

/**
 * Loads the revision a new one starts from, then renders `children` with it once: later refetches
 * do not reset what the user is editing.
 */
export function SourceRevision({ from, children }: { from: string; children: (td: TaskDefinition, tags: Tag[]) => ReactNode }) {
  const { family, revision } = splitTaskDefinitionRef(from);
  const query = useTaskDefinition(family, revision, { live: false });
  if (query.error)
    return (
      <Alert type="error" header={`Failed to load ${from}`}>
        {query.error.message}
      </Alert>
    );
  if (!query.data)
    return (
      <div role="status" className="flex items-center gap-2 text-aws-muted">
        <Spinner /> Loading task definition {from}
      </div>
    );
  return children(query.data.taskDefinition, query.data.tags);
}
