import { FormField, Textarea } from "../../components/FormField.tsx";

/** The JSON editor of a RegisterTaskDefinition body (Create with JSON, and the JSON tab of the form). */
export function TaskDefinitionJsonField({
  value,
  onChange,
  invalid,
  disabled,
}: {
  value: string;
  onChange: (value: string) => void;
  invalid?: boolean;
  disabled?: boolean;
}) {
  return (
    <FormField
      label="Task definition JSON"
      description="The task definition's family, network mode and container definitions, as the AWS CLI's register-task-definition --cli-input-json takes them."
    >
      {(p) => (
        <Textarea
          {...p}
          aria-invalid={invalid || undefined}
          className="h-[60vh] min-h-80 w-full font-mono text-[13px] leading-5"
          spellCheck={false}
          value={value}
          disabled={disabled}
          onChange={(v) => onChange(v)}
        />
      )}
    </FormField>
  );
}
