import { Button } from "./Button.tsx";
import { FormField, Input } from "./FormField.tsx";

export interface TagRow {
  key: string;
  value: string;
}

/** Rows of **Key** / **Value** with **Remove**, and an add button (**Add tag**, **Add environment variable**). */
export function TagEditor({
  tags,
  onChange,
  error,
  addLabel = "Add tag",
  emptyText = "No tags associated with the resource.",
  valueLabel = "Value - optional",
  max = 50,
  noun = "tags",
}: {
  tags: TagRow[];
  onChange: (tags: TagRow[]) => void;
  error?: string;
  addLabel?: string;
  emptyText?: string;
  valueLabel?: string;
  max?: number;
  noun?: string;
}) {
  const set = (i: number, patch: Partial<TagRow>) => onChange(tags.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  return (
    <div className="flex flex-col gap-3">
      {tags.length === 0 && <div className="text-aws-muted">{emptyText}</div>}
      {tags.map((t, i) => (
        <div key={i} className="flex flex-wrap items-end gap-3">
          <FormField label="Key">
            {(p) => <Input {...p} className="w-64" value={t.key} onChange={(e) => set(i, { key: e.target.value })} placeholder="Enter key" />}
          </FormField>
          <FormField label={valueLabel}>
            {(p) => <Input {...p} className="w-64" value={t.value} onChange={(e) => set(i, { value: e.target.value })} placeholder="Enter value" />}
          </FormField>
          <Button onClick={() => onChange(tags.filter((_, j) => j !== i))}>Remove</Button>
        </div>
      ))}
      {error && (
        <div role="alert" className="text-xs text-aws-red">
          {error}
        </div>
      )}
      <div>
        <Button disabled={tags.length >= max} onClick={() => onChange([...tags, { key: "", value: "" }])}>
          {addLabel}
        </Button>
        <div className="mt-1 text-xs text-aws-muted">
          You can add {max - tags.length} more {noun}.
        </div>
      </div>
    </div>
  );
}
