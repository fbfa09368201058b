/**
 * Form controls on Cloudscape: FormField ties its label, description, constraint and error to the
 * control by id. Input, Textarea, Checkbox, RadioGroup and the filter box are Cloudscape's; Select
 * stays the browser's own <select> (inside Cloudscape's FormField) where a choice is among a few
 * fixed words, so scripted tests can pick an option by value.
 */
import CloudscapeCheckbox from "@cloudscape-design/components/checkbox";
import CloudscapeFormField from "@cloudscape-design/components/form-field";
import CloudscapeInput, { type InputProps } from "@cloudscape-design/components/input";
import CloudscapeRadioGroup from "@cloudscape-design/components/radio-group";
import TextFilter from "@cloudscape-design/components/text-filter";
import CloudscapeTextarea from "@cloudscape-design/components/textarea";
import { useId, type ReactNode, type SelectHTMLAttributes } from "react";

export interface FieldControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
}

export function FormField({
  label,
  info,
  description,
  constraint,
  error,
  children,
  secondary,
}: {
  label: ReactNode;
  info?: ReactNode;
  description?: ReactNode;
  constraint?: ReactNode;
  error?: string;
  secondary?: ReactNode;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const id = useId();
  return (
    <CloudscapeFormField
      controlId={id}
      label={label}
      info={info}
      description={description}
      constraintText={constraint}
      errorText={error}
      secondaryControl={secondary}
    >
      {children({ id, "aria-invalid": error ? true : undefined })}
    </CloudscapeFormField>
  );
}

export interface TextInputProps extends Partial<FieldControlProps> {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  type?: InputProps.Type;
  inputMode?: InputProps.InputMode;
  disabled?: boolean;
  readOnly?: boolean;
  autoComplete?: string;
  spellCheck?: boolean;
  autoFocus?: boolean;
  "aria-label"?: string;
  /** Called with the key pressed (Enter submits a one-field form). */
  onKeyDown?: (key: string) => void;
  onBlur?: () => void;
  /** Width, for inputs side by side. */
  className?: string;
  min?: number;
  max?: number;
  /** A <datalist> of suggestions. */
  list?: string;
}

export function Input({ id, value, onChange, type, onKeyDown, onBlur, className, min, max, list, ...rest }: TextInputProps) {
  const input = (
    <CloudscapeInput
      controlId={id}
      value={value}
      type={type}
      inputMode={rest.inputMode}
      placeholder={rest.placeholder}
      disabled={rest.disabled}
      readOnly={rest.readOnly}
      autoComplete={rest.autoComplete ?? false}
      spellcheck={rest.spellCheck}
      autoFocus={rest.autoFocus}
      ariaLabel={rest["aria-label"]}
      invalid={rest["aria-invalid"]}
      onChange={({ detail }) => onChange(detail.value)}
      onKeyDown={onKeyDown && (({ detail }) => onKeyDown(detail.key))}
      onBlur={onBlur && (() => onBlur())}
      nativeInputAttributes={{ min, max, list }}
    />
  );
  return className ? <div className={className}>{input}</div> : input;
}

const nativeSelect =
  "min-h-8 rounded-lg border border-[#8c8c94] bg-white px-3 py-1 pr-8 leading-5 text-[#0f141a] focus:border-[#006ce0] focus:outline-2 focus:outline-offset-0 focus:outline-[#006ce0] disabled:border-[#dedee3] disabled:bg-[#f3f3f7] disabled:text-[#b4b4bb] aria-[invalid=true]:border-[#db0000] aria-[invalid=true]:border-l-4 dark:bg-[#0f141a] dark:text-[#dedee3]";

export function Select({ className, children, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select className={`${nativeSelect} ${className ?? "w-full max-w-xl"}`} {...props}>
      {children}
    </select>
  );
}

export function Textarea({
  id,
  value,
  onChange,
  rows,
  ...rest
}: Partial<FieldControlProps> & {
  className?: string; value: string; onChange: (value: string) => void; rows?: number; placeholder?: string; disabled?: boolean; spellCheck?: boolean; "aria-label"?: string }) {
  return (
    <CloudscapeTextarea
      controlId={id}
      value={value}
      rows={rows}
      placeholder={rest.placeholder}
      disabled={rest.disabled}
      spellcheck={rest.spellCheck}
      ariaLabel={rest["aria-label"]}
      invalid={rest["aria-invalid"]}
      onChange={({ detail }) => onChange(detail.value)}
    />
  );
}

/** A checkbox with its label and an optional description. */
export function Checkbox({
  label,
  description,
  checked,
  onChange,
  disabled,
}: {
  label: ReactNode;
  description?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <CloudscapeCheckbox checked={checked} disabled={disabled} description={description} onChange={({ detail }) => onChange(detail.checked)}>
      {label}
    </CloudscapeCheckbox>
  );
}

/** Radio buttons under a label (Cloudscape's FormField and RadioGroup). */
export function RadioGroup<T extends string>({
  legend,
  description,
  value,
  onChange,
  options,
}: {
  legend: string;
  description?: ReactNode;
  value: T;
  onChange: (value: T) => void;
  options: { value: T; label: string; description?: string; disabled?: boolean }[];
}) {
  return (
    <CloudscapeFormField label={legend} description={description}>
      <CloudscapeRadioGroup ariaLabel={legend} value={value} onChange={({ detail }) => onChange(detail.value as T)} items={options} />
    </CloudscapeFormField>
  );
}

/** The filter box above a list. */
export function FilterInput({
  label,
  placeholder,
  value,
  onChange,
  matches,
}: {
  label: string;
  placeholder?: string;
  value: string;
  onChange: (v: string) => void;
  matches?: number;
}) {
  return (
    <div style={{ minWidth: 320 }}>
      <TextFilter
        filteringText={value}
        filteringAriaLabel={label}
        filteringPlaceholder={placeholder ?? label}
        filteringClearAriaLabel="Clear"
        onChange={({ detail }) => onChange(detail.filteringText)}
        countText={value && matches !== undefined ? `${matches} ${matches === 1 ? "match" : "matches"}` : undefined}
      />
    </div>
  );
}
