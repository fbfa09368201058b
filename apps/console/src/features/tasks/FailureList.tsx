import type { Failure } from "@stevedore/shared";

/** The failures an ECS action answered (RunTask, UpdateContainerInstancesState...), in a flash or alert. */
export function FailureList({ failures }: { failures: Failure[] }) {
  return (
    <ul className="mt-1 list-disc pl-5">
      {failures.map((f, i) => (
        <li key={i}>
          <b>{f.reason}</b>
          {f.detail ? ` — ${f.detail}` : ""}
          {f.arn ? <span className="opacity-80"> ({f.arn})</span> : null}
        </li>
      ))}
    </ul>
  );
}
