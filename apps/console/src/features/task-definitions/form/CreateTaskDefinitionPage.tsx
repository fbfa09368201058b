import { useSearchParams } from "react-router";
import { Page } from "../../../app/Page.tsx";
import { ACCOUNT_ID, REGION } from "../../../app/region.ts";
import { newTaskDefinitionValues } from "../../../lib/task-definition-form/defaults.ts";
import { toFormValues } from "../../../lib/task-definition-form/to-form.ts";
import { toRegisterInput } from "../../../lib/task-definition.ts";
import { SourceRevision, revisionSource } from "../SourceRevision.tsx";
import { TaskDefinitionEditor } from "./TaskDefinitionEditor.tsx";

/**
 * **Create new task definition**, or with ?from=family:rev **Create new revision**: the form
 * prefilled with that revision, family fixed, submitted with **Update**.
 */
export function CreateTaskDefinitionPage() {
  const [search] = useSearchParams();
  const from = search.get("from") ?? "";
  const source = revisionSource(from);
  const title = from ? "Create new revision" : "Create new task definition";
  return (
    <Page
      breadcrumbs={[{ text: "Task definitions", href: "/task-definitions" }, ...source.crumbs, { text: title }]}
      title={title}
      description="A task definition is a blueprint for your application: the containers of a task, their images, ports, resources and settings."
    >
      {from ? (
        <SourceRevision key={from} from={from}>
          {(td, tags) => {
            const base = toRegisterInput(td, tags);
            return (
              <TaskDefinitionEditor initialBase={base} initialValues={toFormValues(base, REGION)} revisionOf={td.family} cancelTo={source.cancelTo} />
            );
          }}
        </SourceRevision>
      ) : (
        <TaskDefinitionEditor initialBase={{}} initialValues={newTaskDefinitionValues(REGION, ACCOUNT_ID)} cancelTo="/task-definitions" />
      )}
    </Page>
  );
}
