import { Button, LinkButton } from "./Button.tsx";

/** The buttons under a form: **Cancel** (a link back) and the primary submit button. */
export function FormActions({ cancelTo, submitText, loading }: { cancelTo: string; submitText: string; loading?: boolean }) {
  return (
    <div className="flex justify-end gap-2">
      <LinkButton variant="link" to={cancelTo}>
        Cancel
      </LinkButton>
      <Button variant="primary" type="submit" loading={loading}>
        {submitText}
      </Button>
    </div>
  );
}
