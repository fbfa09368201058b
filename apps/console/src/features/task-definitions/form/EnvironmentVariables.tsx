import { ExpandableSection } from "../../../components/Container.tsx";
import { bind, SelectField, TextField, useHasErrorsUnder } from "../../../components/Fields.tsx";
import { RowList } from "../../../components/RowList.tsx";
import { environmentPath } from "../../../lib/task-definition-form/paths.ts";
import type { EnvironmentRow, TaskDefinitionFormValues } from "../../../lib/task-definition-form/values.ts";
import { NotApplied } from "../NotApplied.tsx";
import type { ContainerPartProps } from "./types.ts";

const VALUE_TYPES = [
  { value: "value", label: "Value" },
  { value: "valueFrom", label: "ValueFrom" },
] as const;

/** **Environment variables**: Key, Value type (Value, or ValueFrom: a secret's ARN), Value. */
export function EnvironmentVariables({
  container,
  set,
  path,
  values,
  index,
}: ContainerPartProps & { values: TaskDefinitionFormValues; index: number }) {
  return (
    <ExpandableSection
      title="Environment variables - optional"
      description="Add a key-value pair to specify an environment variable, or ValueFrom to read it from Secrets Manager or SSM Parameter Store."
      defaultExpanded={container.environment.length > 0}
      forceExpanded={useHasErrorsUnder(`${path}.environment`, `${path}.secrets`)}
    >
      <RowList<EnvironmentRow>
        rows={container.environment}
        onChange={(environment) => set({ environment })}
        newRow={() => ({ key: "", valueType: "value", value: "" })}
        rowLabel={(i) => `Environment variable ${i + 1}`}
        addLabel="Add environment variable"
        emptyText="No environment variables."
      >
        {(row, setRow, label, i) => {
          const at = environmentPath(values, index, i);
          const secret = row.valueType === "valueFrom";
          return (
            <>
              <TextField label="Key" context={label} path={`${at}.name`} className="w-56" {...bind(row, setRow, "key")} />
              <SelectField
                label="Value type"
                context={label}
                className="w-36"
                options={VALUE_TYPES}
                {...bind(row, setRow, "valueType")}
              />
              <TextField
                label="Value"
                context={label}
                path={`${at}.${secret ? "valueFrom" : "value"}`}
                info={secret && <NotApplied />}
                className="w-80"
                placeholder={secret ? "arn:aws:ssm:region:account:parameter/name" : "Enter a value"}
                {...bind(row, setRow, "value")}
              />
            </>
          );
        }}
      </RowList>
    </ExpandableSection>
  );
}
