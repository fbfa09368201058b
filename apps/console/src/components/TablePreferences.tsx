/** A table's preferences (Cloudscape's CollectionPreferences): page size, wrap lines, visible columns. */
import CollectionPreferences, { type CollectionPreferencesProps } from "@cloudscape-design/components/collection-preferences";

export default function TablePreferences({
  preferences,
  onConfirm,
  pageSizes,
  columns,
}: {
  preferences: CollectionPreferencesProps.Preferences;
  onConfirm: (preferences: CollectionPreferencesProps.Preferences) => void;
  pageSizes: number[];
  columns: CollectionPreferencesProps.ContentDisplayOption[];
}) {
  return (
    <CollectionPreferences
      title="Preferences"
      confirmLabel="Confirm"
      cancelLabel="Cancel"
      preferences={preferences}
      onConfirm={({ detail }) => onConfirm(detail)}
      pageSizePreference={{ title: "Page size", options: pageSizes.map((n) => ({ value: n, label: `${n} resources` })) }}
      wrapLinesPreference={{ label: "Wrap lines", description: "Select to see all the text and wrap the lines" }}
      contentDisplayPreference={{ title: "Column preferences", description: "Customize the columns visibility and order.", options: columns }}
    />
  );
}
