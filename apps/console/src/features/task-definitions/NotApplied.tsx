import { NOT_APPLIED_TEXT } from "../../lib/not-applied.ts";

/** The mark of a field Stevedore stores and shows but does not apply (IAM roles, secrets, CloudWatch, GPUs...). */
export function NotApplied() {
  return (
    <span className="ml-1 inline-block rounded-full border border-[#b6bec9] px-2 text-xs font-normal leading-4 text-aws-muted">
      {NOT_APPLIED_TEXT}
    </span>
  );
}
