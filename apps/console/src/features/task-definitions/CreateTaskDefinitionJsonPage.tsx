import { useEffect, useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useFlash } from "../../app/flash.tsx";
import { Page, Stack } from "../../app/Page.tsx";
import { Alert } from "../../components/Alert.tsx";
import { Button, LinkButton } from "../../components/Button.tsx";
import { Container } from "../../components/Container.tsx";
import { FormField, Textarea } from "../../components/FormField.tsx";
import { toRegisterInput } from "../../lib/task-definition.ts";
import { parseTaskDefinitionJson, SAMPLE_TASK_DEFINITION } from "../../lib/validation.ts";
import { splitTaskDefinitionRef } from "../../lib/format.ts";
import { useRegisterTaskDefinition } from "./mutations.ts";
import { useTaskDefinition } from "./queries.ts";

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

/** **Create new task definition with JSON**, or **Create new revision with JSON** when ?from=family:rev. */
export function CreateTaskDefinitionJsonPage() {
  const [search] = useSearchParams();
  const from = search.get("from") ?? "";
  const source = splitTaskDefinitionRef(from);
  const existing = useTaskDefinition(from ? source.family : "", source.revision);
  const navigate = useNavigate();
  const flash = useFlash();
  const register = useRegisterTaskDefinition();

  const [text, setText] = useState(() => (from ? "" : pretty(SAMPLE_TASK_DEFINITION)));
  const [errors, setErrors] = useState<string[]>([]);
  const [loaded, setLoaded] = useState(!from);

  useEffect(() => {
    if (!loaded && existing.data) {
      setText(pretty(toRegisterInput(existing.data.taskDefinition, existing.data.tags)));
      setLoaded(true);
    }
  }, [existing.data, loaded]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const result = parseTaskDefinitionJson(text);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors([]);
    register.mutate(result.value, {
      onSuccess: (td) => {
        const ref = `${td.family}:${td.revision}`;
        const path = `/task-definitions/${encodeURIComponent(td.family)}/${td.revision}/containers`;
        flash.push({
          type: "success",
          header: "Task definition successfully created",
          content: `${ref} has been successfully created. You can use this task definition to deploy a service or run a task.`,
          path,
        });
        navigate(path);
      },
    });
  };

  const title = from ? "Create new revision with JSON" : "Create new task definition with JSON";
  return (
    <Page
      breadcrumbs={[
        { text: "Task definitions", href: "/task-definitions" },
        ...(from ? [{ text: source.family, href: `/task-definitions/${encodeURIComponent(source.family)}` }] : []),
        { text: title },
      ]}
      title={title}
      description={
        <>
          Enter the task definition as the JSON body of RegisterTaskDefinition. See{" "}
          <Link to="/task-definitions">your task definitions</Link> for examples.
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate aria-label={title}>
        <Stack>
          {existing.error && (
            <Alert type="error" header={`Failed to load ${from}`}>
              {existing.error.message}
            </Alert>
          )}
          {errors.length > 0 && (
            <Alert type="error" header="The task definition JSON is not valid." scrollIntoView>
              <ul className="mt-1 list-disc pl-5">
                {errors.map((err) => (
                  <li key={err} className="font-mono text-[13px]">
                    {err}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          {register.error && (
            <Alert type="error" header="There was an error creating the task definition." scrollIntoView>
              {register.error.message}
            </Alert>
          )}
          <Container title="Task definition">
            <FormField
              label="Task definition JSON"
              description="The task definition's family, network mode and container definitions, as the AWS CLI's register-task-definition --cli-input-json takes them."
            >
              {(p) => (
                <Textarea
                  {...p}
                  aria-invalid={errors.length > 0 || undefined}
                  className="h-[60vh] min-h-80 w-full font-mono text-[13px] leading-5"
                  spellCheck={false}
                  value={text}
                  disabled={!loaded}
                  onChange={(e) => setText(e.target.value)}
                />
              )}
            </FormField>
          </Container>
          <div className="flex justify-end gap-2">
            <LinkButton variant="link" to="/task-definitions">
              Cancel
            </LinkButton>
            <Button variant="primary" type="submit" loading={register.isPending} disabled={!loaded}>
              Create
            </Button>
          </div>
        </Stack>
      </form>
    </Page>
  );
}
