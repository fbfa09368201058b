import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { ErrorIcon } from "./icons.tsx";

export interface FieldControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
}

/**
 * A labelled form field: the label is a <label for> tied to the control, the description,
 * constraint and error texts are tied with aria-describedby.
 */
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
  const descId = `${id}-desc`;
  const constraintId = `${id}-constraint`;
  const errorId = `${id}-error`;
  const describedBy = [description && descId, error ? errorId : constraint && constraintId].filter(Boolean).join(" ");
  return (
    <div className="flex flex-col gap-1">
      <div>
        <label htmlFor={id} className="font-bold">
          {label}
        </label>
        {info && <span className="ml-1 text-sm text-aws-muted">{info}</span>}
      </div>
      {description && (
        <div id={descId} className="text-xs leading-4 text-aws-muted">
          {description}
        </div>
      )}
      <div className="flex flex-wrap items-start gap-2">
        {children({ id, "aria-describedby": describedBy || undefined, "aria-invalid": error ? true : undefined })}
        {secondary}
      </div>
      {error ? (
        <div id={errorId} className="flex items-center gap-1 text-xs text-aws-red">
          <ErrorIcon width={12} height={12} />
          {error}
        </div>
      ) : (
        constraint && (
          <div id={constraintId} className="text-xs leading-4 text-aws-muted">
            {constraint}
          </div>
        )
      )}
    </div>
  );
}

const control =
  "rounded-lg border border-aws-input-border bg-white px-3 py-[5px] leading-5 text-aws-text placeholder:text-[#5f6b7a] placeholder:italic focus:border-aws-blue focus:outline-2 focus:outline-offset-0 focus:outline-aws-blue disabled:border-[#b6bec9] disabled:bg-[#e9ebed] disabled:text-[#9ba7b6] aria-[invalid=true]:border-aws-red aria-[invalid=true]:border-l-4";

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={`${control} ${className ?? "w-full max-w-xl"}`} {...props} />;
}

export function Select({ className, children, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select className={`${control} pr-8 ${className ?? "w-full max-w-xl"}`} {...props}>
      {children}
    </select>
  );
}

export function Textarea({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={`${control} ${className ?? "w-full"}`} {...props} />;
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
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        type="checkbox"
        className="mt-0.5 size-4 accent-aws-blue"
        checked={checked}
        disabled={disabled}
        aria-describedby={description ? `${id}-desc` : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <div>
        <label htmlFor={id} className={disabled ? "text-[#9ba7b6]" : ""}>
          {label}
        </label>
        {description && (
          <div id={`${id}-desc`} className="text-xs leading-4 text-aws-muted">
            {description}
          </div>
        )}
      </div>
    </div>
  );
}

/** A group of radio buttons in a fieldset with a legend. */
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
  const name = useId();
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="font-bold">{legend}</legend>
      {description && <div className="mb-1 text-xs text-aws-muted">{description}</div>}
      {options.map((o) => (
        <label key={o.value} className={`flex items-start gap-2 ${o.disabled ? "text-[#9ba7b6]" : ""}`}>
          <input
            type="radio"
            name={name}
            value={o.value}
            className="mt-0.5 size-4 accent-aws-blue"
            checked={value === o.value}
            disabled={o.disabled}
            onChange={() => onChange(o.value)}
          />
          <span>
            {o.label}
            {o.description && <span className="block text-xs text-aws-muted">{o.description}</span>}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** The filter box above a table. */
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
    <div className="flex items-center gap-3">
      <input
        type="search"
        aria-label={label}
        placeholder={placeholder ?? label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={`${control} w-80 rounded-full`}
      />
      {value && matches !== undefined && (
        <span className="text-sm text-aws-muted" role="status">
          {matches} {matches === 1 ? "match" : "matches"}
        </span>
      )}
    </div>
  );
}
