import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { Link } from "../../components/Link.tsx";
import { Page, Stack } from "../../app/Page.tsx";
import { FormActions } from "../../components/FormActions.tsx";
import { formatJson } from "../../lib/format.ts";
import { Container } from "../../components/Container.tsx";
import { checkTaskDefinitionJson, type Issue } from "../../lib/task-definition-checks.ts";
import { toRegisterInput } from "../../lib/task-definition.ts";
import { SAMPLE_TASK_DEFINITION } from "../../lib/validation.ts";
import { IssuesAlert, RegisterError } from "./RegisterAlerts.tsx";
import { useRegisterTaskDefinition } from "./mutations.ts";
import { SourceRevision, revisionSource } from "./SourceRevision.tsx";
import { TaskDefinitionJsonField } from "./TaskDefinitionJsonField.tsx";


function JsonForm({ initial, title, cancelTo }: { initial: string; title: string; cancelTo: string }) {
  const register = useRegisterTaskDefinition();
  const [text, setText] = useState(initial);
  const [issues, setIssues] = useState<Issue[]>([]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const result = checkTaskDefinitionJson(text);
    setIssues(result.ok ? [] : result.issues);
    if (result.ok) register.mutate(result.value);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={title}>
      <Stack>
        <IssuesAlert header="The task definition JSON is not valid." issues={issues} />
        <RegisterError error={register.error} onDismiss={() => register.reset()} />
        <Container title="Task definition">
          <TaskDefinitionJsonField value={text} onChange={setText} invalid={issues.length > 0} />
        </Container>
        <FormActions cancelTo={cancelTo} submitText="Create" loading={register.isPending} />
      </Stack>
    </form>
  );
}

/** **Create new task definition with JSON**, or **Create new revision with JSON** when ?from=family:rev. */
export function CreateTaskDefinitionJsonPage() {
  const [search] = useSearchParams();
  const from = search.get("from") ?? "";
  const source = revisionSource(from);
  const title = from ? "Create new revision with JSON" : "Create new task definition with JSON";
  return (
    <Page
      breadcrumbs={[{ text: "Task definitions", href: "/task-definitions" }, ...source.crumbs, { text: title }]}
      title={title}
      description={
        <>
          Enter the task definition as the JSON body of RegisterTaskDefinition. See{" "}
          <Link to="/task-definitions">your task definitions</Link> for examples.
        </>
      }
    >
      {from ? (
        <SourceRevision key={from} from={from}>
          {(td, tags) => <JsonForm initial={formatJson(toRegisterInput(td, tags))} title={title} cancelTo={source.cancelTo} />}
        </SourceRevision>
      ) : (
        <JsonForm initial={formatJson(SAMPLE_TASK_DEFINITION)} title={title} cancelTo="/task-definitions" />
      )}
    </Page>
  );
}
