import type { RegisterTaskDefinitionInput } from "@stevedore/shared";
import { useMemo, useState, type FormEvent } from "react";
import { Stack } from "../../../app/Page.tsx";
import { REGION } from "../../../app/region.ts";
import { Container } from "../../../components/Container.tsx";
import { FieldErrors } from "../../../components/Fields.tsx";
import { FormActions } from "../../../components/FormActions.tsx";
import { Tabs } from "../../../components/Tabs.tsx";
import { focusFirstInvalid } from "../../../lib/focus.ts";
import { formatJson } from "../../../lib/format.ts";
import { checkTaskDefinition, checkTaskDefinitionJson, parseJsonObject, parseRegisterInput, type CheckResult, type Issue } from "../../../lib/task-definition-checks.ts";
import { toFormValues } from "../../../lib/task-definition-form/to-form.ts";
import { toTaskDefinition } from "../../../lib/task-definition-form/to-definition.ts";
import type { TaskDefinitionFormValues } from "../../../lib/task-definition-form/values.ts";
import { IssuesAlert, RegisterError } from "../RegisterAlerts.tsx";
import { useRegisterTaskDefinition } from "../mutations.ts";
import { TaskDefinitionJsonField } from "../TaskDefinitionJsonField.tsx";
import { TaskDefinitionForm } from "./TaskDefinitionForm.tsx";

type View = "form" | "json";

const VIEWS = [
  { id: "form", label: "Form" },
  { id: "json", label: "JSON" },
] as const;

const issuesOf = (result: CheckResult): Issue[] => (result.ok ? [] : result.issues);

/** The first issue of each path, for the fields to show. */
const byPath = (issues: readonly Issue[]): Record<string, string> =>
  Object.fromEntries([...issues].reverse().map((i) => [i.path, i.message]));

/** A new revision keeps its family: the JSON editor could rename it. */
function familyIssue(def: RegisterTaskDefinitionInput, family: string | undefined): Issue[] {
  return family && def.family !== family ? [{ path: "family", message: `A new revision of ${family} keeps the family ${family}.` }] : [];
}

/**
 * The task definition form with its JSON view: both edit one definition. The form's values are laid
 * over `base` (the definition last read from JSON or the source revision), so what the form does not
 * show survives; switching to the form from invalid JSON is refused with the issues.
 */
export function TaskDefinitionEditor({
  initialBase,
  initialValues,
  revisionOf,
  cancelTo,
}: {
  initialBase: Partial<RegisterTaskDefinitionInput>;
  initialValues: TaskDefinitionFormValues;
  /** The family of the source revision: fixed, and the submit button says **Update**. */
  revisionOf?: string;
  cancelTo: string;
}) {
  const register = useRegisterTaskDefinition();
  const [base, setBase] = useState(initialBase);
  const [values, setValues] = useState(initialValues);
  const [view, setView] = useState<View>("form");
  const [json, setJson] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const [jsonIssues, setJsonIssues] = useState<Issue[]>([]);

  const formIssues = useMemo(() => {
    if (!submitted) return [];
    const def = toTaskDefinition(values, base);
    return [...issuesOf(checkTaskDefinition(def)), ...familyIssue(def, revisionOf)];
  }, [submitted, values, base, revisionOf]);
  const issues = view === "form" ? formIssues : jsonIssues;

  const showJson = () => {
    setJson(formatJson(toTaskDefinition(values, base)));
    setJsonIssues([]);
    setView("json");
  };
  const showForm = () => {
    const object = parseJsonObject(json);
    const parsed = object.ok ? parseRegisterInput(object.value) : object;
    if (!parsed.ok) {
      setJsonIssues(parsed.issues);
      return;
    }
    setBase(parsed.value);
    setValues(toFormValues(parsed.value, REGION));
    setView("form");
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSubmitted(true);
    const result = view === "json" ? checkTaskDefinitionJson(json) : checkTaskDefinition(toTaskDefinition(values, base));
    const found = result.ok ? familyIssue(result.value, revisionOf) : result.issues;
    if (view === "json") setJsonIssues(found);
    if (result.ok && found.length === 0) register.mutate(result.value);
    else focusFirstInvalid(e.currentTarget);
  };

  const label = revisionOf ? "Create new revision" : "Create new task definition";
  return (
    <form onSubmit={onSubmit} noValidate aria-label={label}>
      <FieldErrors value={view === "form" ? byPath(formIssues) : {}}>
        <Stack>
          <IssuesAlert header={view === "json" ? "The task definition JSON is not valid." : "The task definition is not valid."} issues={issues} />
          <RegisterError error={register.error} onDismiss={() => register.reset()} />
          <Tabs label="Task definition editor" tabs={VIEWS} activeId={view} onSelect={(id) => (id === "json" ? showJson() : showForm())}>
            {view === "json" ? (
              <Container title="Task definition" description="The same task definition as the form, including the fields the form does not show.">
                <TaskDefinitionJsonField value={json} onChange={setJson} invalid={jsonIssues.length > 0} />
              </Container>
            ) : (
              <TaskDefinitionForm values={values} setValues={setValues} familyFixed={revisionOf !== undefined} />
            )}
          </Tabs>
          <FormActions cancelTo={cancelTo} submitText={revisionOf ? "Update" : "Create"} loading={register.isPending} />
        </Stack>
      </FieldErrors>
    </form>
  );
}
