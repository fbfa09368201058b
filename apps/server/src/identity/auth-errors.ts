/** An authentication failure in each protocol's words, as AWS answers it. */
import { AwsError } from "../aws/errors.ts";
import type { Protocol } from "../aws/service.ts";
import type { AuthFailure } from "./identities.ts";

const MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const INVALID_TOKEN = "The security token included in the request is invalid.";

export function authError(failure: AuthFailure, protocol: Protocol): AwsError {
  const { kind } = failure;
  if (protocol === "ec2") return new AwsError("AuthFailure", "AWS was not able to validate the provided access credentials", 401);
  if (protocol === "json") {
    if (kind === "missing") return new AwsError("MissingAuthenticationTokenException", "Missing Authentication Token");
    if (kind === "incomplete") return new AwsError("IncompleteSignatureException", failure.message);
    if (kind === "unknown-key") return new AwsError("UnrecognizedClientException", INVALID_TOKEN);
    return new AwsError("InvalidSignatureException", kind === "expired" ? failure.message : MISMATCH);
  }
  if (kind === "missing") return new AwsError("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
  if (kind === "incomplete") return new AwsError("IncompleteSignature", failure.message, 403);
  if (kind === "unknown-key") return new AwsError("InvalidClientTokenId", INVALID_TOKEN, 403);
  return new AwsError("SignatureDoesNotMatch", kind === "expired" ? failure.message : MISMATCH, 403);
}
