import { Stack } from "../../../app/Page.tsx";
import { REGION } from "../../../app/region.ts";
import { Button } from "../../../components/Button.tsx";
import { Container } from "../../../components/Container.tsx";
import { TextField } from "../../../components/Fields.tsx";
import { TagEditor } from "../../../components/TagEditor.tsx";
import { addContainer, setFamily } from "../../../lib/task-definition-form/edit.ts";
import { ContainerPanel } from "./ContainerPanel.tsx";
import { InfrastructureSection } from "./InfrastructureSection.tsx";
import { StorageSection } from "./StorageSection.tsx";
import type { SectionProps } from "./types.ts";

const MAX_CONTAINERS = 10;

/** The form's sections, in the console's order; the family is fixed for a new revision. */
export function TaskDefinitionForm({ values, setValues, familyFixed }: SectionProps & { familyFixed: boolean }) {
  return (
    <Stack>
      <Container title="Task definition configuration">
        <TextField
          label="Task definition family"
          path="family"
          description="Specify a unique task definition family name."
          constraint="Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed."
          placeholder="Enter a task definition family name"
          disabled={familyFixed}
          value={values.family}
          onChange={(family) => setValues((v) => setFamily(v, family))}
        />
      </Container>
      <InfrastructureSection values={values} setValues={setValues} />
      {values.containers.map((c, i) => (
        <ContainerPanel key={c.key} values={values} setValues={setValues} index={i} />
      ))}
      <div>
        <Button disabled={values.containers.length >= MAX_CONTAINERS} onClick={() => setValues((v) => addContainer(v, REGION))}>
          Add more containers
        </Button>
      </div>
      <StorageSection values={values} setValues={setValues} />
      <Container title="Tags - optional" description="Tags help you to identify and organize your task definitions.">
        <TagEditor tags={values.tags} onChange={(tags) => setValues((v) => ({ ...v, tags }))} path="tags" />
      </Container>
    </Stack>
  );
}
