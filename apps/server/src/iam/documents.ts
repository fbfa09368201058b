/**
 * Policy documents as IAM takes and gives them: checked as JSON policy grammar on the way in (IAM's
 * MalformedPolicyDocument), URL-encoded on the way out, as IAM's Query API returns them (the AWS CLI
 * decodes them back into JSON).
 */
import { AwsError } from "../aws/errors.ts";

const malformed = (message: string) => new AwsError("MalformedPolicyDocument", message);

export function checkPolicyDocument(text: string, kind: "trust" | "permissions"): void {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw malformed("This policy contains invalid Json");
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw malformed("Syntax errors in policy.");
  const statements = (doc as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  if (!list.length) throw malformed("Syntax errors in policy.");
  for (const s of list) {
    if (!s || typeof s !== "object") throw malformed("Syntax errors in policy.");
    const st = s as Record<string, unknown>;
    if (st.Effect !== "Allow" && st.Effect !== "Deny") throw malformed("Syntax errors in policy.");
    if (!st.Action && !st.NotAction) throw malformed("Policy statement must contain actions.");
    if (kind === "trust") {
      if (st.Resource) throw malformed("Has prohibited field Resource");
      if (!st.Principal && !st.NotPrincipal) throw malformed("AssumeRolepolicy contained an invalid principal: Principal is missing.");
    } else {
      if (st.Principal) throw malformed("Policy document should not specify a principal.");
      if (!st.Resource && !st.NotResource) throw malformed("Policy statement must contain resources.");
    }
  }
}

export const encodeDocument = (text: string) => encodeURIComponent(text);
