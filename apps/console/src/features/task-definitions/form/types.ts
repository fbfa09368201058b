import type { ContainerValues, TaskDefinitionFormValues } from "../../../lib/task-definition-form/values.ts";

/** What a part of a container's panel edits: the container, a patch to it, and its path in the request. */
export interface ContainerPartProps {
  container: ContainerValues;
  set: (patch: Partial<ContainerValues>) => void;
  /** "containerDefinitions[0]". */
  path: string;
}

/** What a section of the form edits. */
export interface SectionProps {
  values: TaskDefinitionFormValues;
  setValues: (update: (values: TaskDefinitionFormValues) => TaskDefinitionFormValues) => void;
}
