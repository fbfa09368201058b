/**
 * The Logs tabs of the service and task pages: container lines in time order (newest last), a filter,
 * a container choice, and **Follow** which keeps reading new lines and scrolls to them.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Link } from "../../components/Link.tsx";
import { Alert } from "../../components/Alert.tsx";
import { Container } from "../../components/Container.tsx";
import { FilterInput, Select } from "../../components/FormField.tsx";
import Spinner from "@cloudscape-design/components/spinner";
import { EmptyState } from "../../components/Table.tsx";
import { Toggle } from "../../components/Toggle.tsx";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { filterLines, MAX_KEPT_LINES, tail } from "./log-lines.ts";
import { useLogFollower } from "./use-log-follower.ts";

export function LogsView({
  cluster,
  taskIds,
  containers,
  showTask,
  description,
  emptyText = "No log lines yet.",
}: {
  cluster: string;
  taskIds: readonly string[];
  /** The container names to choose from (all the tasks' containers). */
  containers: readonly string[];
  /** A Task column, for a service's merged logs. */
  showTask?: boolean;
  description?: string;
  emptyText?: string;
}) {
  const [follow, setFollow] = useState(true);
  const [filter, setFilter] = useState("");
  const [container, setContainer] = useState("");
  const logs = useLogFollower(cluster, taskIds, follow);
  const matching = useMemo(() => filterLines(logs.lines, filter, container || undefined), [logs.lines, filter, container]);
  const { shown, hidden } = tail(matching);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const clusterPath = `/clusters/${encodeURIComponent(cluster)}`;

  // While following, stay at the newest line unless the reader scrolled up.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && follow && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [shown, follow]);
  useEffect(() => {
    if (follow) atBottom.current = true;
  }, [follow]);

  const counter = logs.loading ? undefined : `(${formatNumber(matching.length)})`;
  return (
    <Container
      title="Logs"
      counter={counter}
      description={description}
      actions={<Toggle label="Follow" checked={follow} onChange={setFollow} />}
      filter={
        <>
          <FilterInput label="Filter log lines" placeholder="Filter log lines" value={filter} onChange={setFilter} matches={matching.length} />
          {containers.length > 1 && (
            <label className="flex items-center gap-2">
              <span className="text-sm font-bold text-aws-label">Container</span>
              <Select className="w-52" value={container} onChange={(e) => setContainer(e.target.value)}>
                <option value="">All containers</option>
                {containers.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </Select>
            </label>
          )}
          <span className="text-sm text-aws-muted" role="status" aria-live="polite">
            {follow ? "Following new lines" : "Paused"}
            {hidden > 0 && ` · showing the newest ${formatNumber(shown.length)} of ${formatNumber(matching.length)} lines`}
            {logs.lines.length >= MAX_KEPT_LINES && ` · older lines are dropped after ${formatNumber(MAX_KEPT_LINES)}`}
          </span>
        </>
      }
    >
      {logs.unavailable && (
        <div className="mb-3">
          <Alert type="info" header="Logs are not available">
            This server does not serve container logs yet.
          </Alert>
        </div>
      )}
      {logs.error && (
        <div className="mb-3">
          <Alert type="error" header="Failed to load logs">
            {logs.error.message}
          </Alert>
        </div>
      )}
      <div
        ref={scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
        className="max-h-[60vh] overflow-auto rounded-lg border border-aws-border"
      >
        <table aria-label="Log events" className="w-full border-separate border-spacing-0 text-left">
          <thead className="sticky top-0 z-10 bg-white">
            <tr>
              <th scope="col" className="whitespace-nowrap border-b border-[#c6c6cd] px-2.5 py-2 font-bold text-aws-label">
                Timestamp
              </th>
              <th scope="col" className="w-full border-b border-[#c6c6cd] px-2.5 py-2 font-bold text-aws-label">
                Message
              </th>
              <th scope="col" className="whitespace-nowrap border-b border-[#c6c6cd] px-2.5 py-2 font-bold text-aws-label">
                Container
              </th>
              {showTask && (
                <th scope="col" className="whitespace-nowrap border-b border-[#c6c6cd] px-2.5 py-2 font-bold text-aws-label">
                  Task
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {logs.loading ? (
              <tr>
                <td colSpan={showTask ? 4 : 3} className="px-3 py-6 text-center text-aws-muted">
                  <span role="status" className="inline-flex items-center gap-2">
                    <Spinner /> Loading log events
                  </span>
                </td>
              </tr>
            ) : shown.length === 0 ? (
              <tr>
                <td colSpan={showTask ? 4 : 3} className="px-3 py-6 text-center text-aws-muted">
                  {filter || container ? (
                    <EmptyState title="No matches">We can't find a match.</EmptyState>
                  ) : (
                    <EmptyState title="No log events">{emptyText}</EmptyState>
                  )}
                </td>
              </tr>
            ) : (
              shown.map((l) => (
                <tr key={l.key} className="hover:bg-[#f9fafa]">
                  <td className="whitespace-nowrap border-b border-aws-border px-2.5 py-1.5 align-top text-[13px] text-aws-muted">
                    <time dateTime={new Date(l.timestamp).toISOString()}>{formatDateTime(l.timestamp)}</time>
                  </td>
                  <td className="border-b border-aws-border px-2.5 py-1.5 align-top font-mono text-[13px] leading-5 break-all whitespace-pre-wrap">
                    {l.message}
                  </td>
                  <td className="whitespace-nowrap border-b border-aws-border px-2.5 py-1.5 align-top text-[13px]">{l.container}</td>
                  {showTask && (
                    <td className="whitespace-nowrap border-b border-aws-border px-2.5 py-1.5 align-top text-[13px]">
                      <Link to={`${clusterPath}/tasks/${l.taskId}/logs`}>
                        {l.taskId.slice(0, 8)}
                      </Link>
                    </td>
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </Container>
  );
}
