/** A service event message with its task references linked to the task pages. */
import { Fragment } from "react";
import { Link } from "../../components/Link.tsx";
import { eventSegments } from "./service-format.ts";

export function EventMessage({ cluster, message }: { cluster: string; message: string }) {
  return (
    <span className="break-words">
      {eventSegments(message).map((s, i) =>
        s.kind === "task" ? (
          <Fragment key={i}>
            (task <Link to={`/clusters/${encodeURIComponent(cluster)}/tasks/${s.taskId}/configuration`}>{s.taskId}</Link>)
          </Fragment>
        ) : (
          <Fragment key={i}>{s.text}</Fragment>
        ),
      )}
    </span>
  );
}
