/** Cells the services table and the service page share. */
import { Link } from "../../components/Link.tsx";
import { StatusIndicator } from "../../components/StatusIndicator.tsx";
import { formatDateTime, formatRelative, splitTaskDefinitionRef, toDate } from "../../lib/format.ts";
import type { Service } from "../../api/services.ts";
import { deploymentSummary, primaryDeployment, revisionOf, rolloutKind, rolloutText, runningPercent, tasksRunningText } from "./service-format.ts";

export const servicePath = (cluster: string, service: string, tab = "health") =>
  `/clusters/${encodeURIComponent(cluster)}/services/${encodeURIComponent(service)}/${tab}`;

/** family:revision, linked to the revision's page. */
export function TaskDefinitionLink({ arn }: { arn: string | undefined }) {
  const ref = revisionOf(arn);
  if (!arn) return <>-</>;
  const { family, revision } = splitTaskDefinitionRef(ref);
  return <Link to={`/task-definitions/${encodeURIComponent(family)}/${revision}/containers`}>{ref}</Link>;
}

/** "2/3 tasks running" over a bar, and the rollout when one is under way or failed. */
export function DeploymentsAndTasks({ service }: { service: Service }) {
  const percent = runningPercent(service.runningCount, service.desiredCount);
  const summary = deploymentSummary(service);
  const text = tasksRunningText(service.runningCount, service.desiredCount);
  return (
    <div className="flex min-w-40 flex-col gap-1">
      <div
        role="progressbar"
        aria-label={text}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-1.5 w-full overflow-hidden rounded-full bg-[#e9ebed]"
      >
        <div className={`h-full rounded-full ${summary?.kind === "error" ? "bg-aws-red" : "bg-aws-blue"}`} style={{ width: `${percent}%` }} />
      </div>
      <span className="whitespace-nowrap text-sm">{text}</span>
      {summary && (
        <span className="whitespace-nowrap text-sm">
          <StatusIndicator kind={summary.kind}>{summary.text}</StatusIndicator>
        </span>
      )}
    </div>
  );
}

/** The PRIMARY deployment's rollout state and when it started. */
export function LastDeployment({ service }: { service: Service }) {
  const d = primaryDeployment(service);
  if (!d) return <>-</>;
  return (
    <div className="flex flex-col gap-0.5 whitespace-nowrap">
      <StatusIndicator kind={rolloutKind(d.rolloutState)}>{rolloutText(d.rolloutState)}</StatusIndicator>
      <time className="text-sm text-aws-muted" dateTime={toDate(d.createdAt)?.toISOString()} title={formatDateTime(d.createdAt)}>
        {formatRelative(d.createdAt)}
      </time>
    </div>
  );
}
