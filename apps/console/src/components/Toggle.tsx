import { useId, type ReactNode } from "react";

/** A labelled on/off switch (role=switch), with an optional state text after the label ("Turned on"). */
export function Toggle({
  label,
  checked,
  onChange,
  stateText,
  disabled,
  describedBy,
}: {
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  stateText?: ReactNode;
  disabled?: boolean;
  describedBy?: string;
}) {
  const id = useId();
  return (
    <span className="inline-flex items-center gap-2">
      <span className="relative inline-flex">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={disabled}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.checked)}
          className="peer h-5 w-9 cursor-pointer appearance-none rounded-full bg-[#8c8c94] transition-colors checked:bg-aws-blue disabled:cursor-not-allowed disabled:bg-[#d1d5db]"
        />
        <span className="pointer-events-none absolute top-0.5 left-0.5 size-4 rounded-full bg-white transition-transform peer-checked:translate-x-4" />
      </span>
      <label htmlFor={id} className={`cursor-pointer font-bold ${disabled ? "text-[#9ba7b6]" : "text-aws-label"}`}>
        {label}
      </label>
      {stateText && <span className="text-aws-muted">{stateText}</span>}
    </span>
  );
}
