/** The red alerts above a task definition form or JSON editor: its issues, and the server's answer. */
import { Alert } from "../../components/Alert.tsx";
import { issueText, type Issue } from "../../lib/task-definition-checks.ts";

/** The issues of a task definition, each with its path. */
export function IssuesAlert({ header, issues }: { header: string; issues: readonly Issue[] }) {
  if (issues.length === 0) return null;
  return (
    <Alert type="error" header={header} scrollIntoView>
      <ul className="mt-1 list-disc pl-5">
        {issues.map((issue) => (
          <li key={`${issue.path} ${issue.message}`} className="font-mono text-[13px]">
            {issueText(issue)}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/** RegisterTaskDefinition's error (an AwsApiError's message). */
export function RegisterError({ error, onDismiss }: { error: Error | null; onDismiss: () => void }) {
  if (!error) return null;
  return (
    <Alert type="error" header="There was an error creating the task definition." onDismiss={onDismiss} scrollIntoView>
      {error.message}
    </Alert>
  );
}
