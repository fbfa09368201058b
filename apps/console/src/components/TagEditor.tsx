import { bind, TextField } from "./Fields.tsx";
import { RowList } from "./RowList.tsx";

export interface TagRow {
  key: string;
  value: string;
}

/**
 * Rows of **Key** / **Value** with **Remove**, and an add button (**Add tag**, **Add key value pair**).
 * `path` is where the rows land in the request ("tags" → tags[0].key), for field errors.
 */
export function TagEditor({
  tags,
  onChange,
  error,
  addLabel = "Add tag",
  emptyText = "No tags associated with the resource.",
  valueLabel = "Value - optional",
  max = 50,
  noun = "tags",
  rowNoun = "Tag",
  path,
}: {
  tags: TagRow[];
  onChange: (tags: TagRow[]) => void;
  error?: string;
  addLabel?: string;
  emptyText?: string;
  valueLabel?: string;
  max?: number;
  noun?: string;
  rowNoun?: string;
  path?: string;
}) {
  return (
    <RowList
      rows={tags}
      onChange={onChange}
      newRow={() => ({ key: "", value: "" })}
      rowLabel={(i) => `${rowNoun} ${i + 1}`}
      addLabel={addLabel}
      emptyText={emptyText}
      max={max}
      noun={noun}
      error={error}
    >
      {(tag, set, label, i) => (
        <>
          <TextField
            label="Key"
            context={label}
            path={path && `${path}[${i}].key`}
            className="w-64"
            placeholder="Enter key"
            {...bind(tag, set, "key")}
          />
          <TextField
            label={valueLabel}
            context={label}
            path={path && `${path}[${i}].value`}
            className="w-64"
            placeholder="Enter value"
            {...bind(tag, set, "value")}
          />
        </>
      )}
    </RowList>
  );
}
