/**
 * Form fields that find their own error: a form provides its issues by path (FieldErrors) and each
 * field names the path it edits. `context` ("Port mapping 1") prefixes the label for screen readers,
 * so repeated rows have distinct accessible names.
 */
import { createContext, useContext, type ReactNode } from "react";
import { FormField, Input, Select, type FieldControlProps } from "./FormField.tsx";

const ErrorsContext = createContext<Readonly<Record<string, string>>>({});

export const FieldErrors = ErrorsContext.Provider;

/** The issue at `path`, if any. */
export function useFieldError(path: string | undefined): string | undefined {
  const errors = useContext(ErrorsContext);
  return path === undefined ? undefined : errors[path];
}

/** Whether any issue lies at or below one of `paths` (to open a collapsed section that holds it). */
export function useHasErrorsUnder(...paths: string[]): boolean {
  const errors = useContext(ErrorsContext);
  return Object.keys(errors).some((key) => paths.some((p) => key === p || key.startsWith(`${p}.`) || key.startsWith(`${p}[`)));
}

interface FieldProps {
  label: ReactNode;
  context?: string;
  path?: string;
  description?: ReactNode;
  constraint?: ReactNode;
  info?: ReactNode;
  className?: string;
  disabled?: boolean;
}

/** The FormField of a field: its label (with the context for screen readers) and its error. */
function Field({ field, children }: { field: FieldProps; children: (control: FieldControlProps) => ReactNode }) {
  const { label, context, path, description, constraint, info } = field;
  return (
    <FormField
      label={
        <>
          {context && <span className="sr-only">{context} </span>}
          {label}
        </>
      }
      description={description}
      constraint={constraint}
      info={info}
      error={useFieldError(path)}
    >
      {children}
    </FormField>
  );
}

/** `value` and `onChange` of a field bound to `values[key]`. */
export const bind = <T extends object, K extends keyof T>(values: T, set: (patch: Partial<T>) => void, key: K) => ({
  value: values[key],
  onChange: (value: T[K]) => set({ [key]: value } as unknown as Partial<T>),
});

export function TextField({
  value,
  onChange,
  placeholder,
  numeric,
  ...field
}: FieldProps & { value: string; onChange: (value: string) => void; placeholder?: string; numeric?: boolean }) {
  return (
    <Field field={field}>
      {(p) => (
        <Input
          {...p}
          className={field.className}
          value={value}
          disabled={field.disabled}
          placeholder={placeholder}
          inputMode={numeric ? "decimal" : undefined}
          autoComplete="off"
          spellCheck={false}
          onChange={(v) => onChange(v)}
        />
      )}
    </Field>
  );
}

export interface SelectOption<T extends string> {
  value: T;
  label: string;
}

/** A select whose options always include the current value, so a value from JSON shows as it is. */
export function SelectField<T extends string>({
  value,
  onChange,
  options,
  ...field
}: FieldProps & { value: T; onChange: (value: T) => void; options: readonly SelectOption<T>[] }) {
  const all = options.some((o) => o.value === value) ? options : [...options, { value, label: value || "-" }];
  return (
    <Field field={field}>
      {(p) => (
        <Select {...p} className={field.className} value={value} disabled={field.disabled} onChange={(e) => onChange(e.target.value as T)}>
          {all.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
