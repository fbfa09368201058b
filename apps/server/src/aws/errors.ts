/**
 * The one error type of the AWS APIs: a code from AWS's own exception names and the HTTP status it
 * travels with. The protocols (JSON, Query) turn it into their wire shape in one place each.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

export const clientException = (message: string) => new AwsError("ClientException", message);
export const invalidParameter = (message: string) => new AwsError("InvalidParameterException", message);
export const clusterNotFound = () => new AwsError("ClusterNotFoundException", "Cluster not found.");
export const serverException = (message: string) => new AwsError("ServerException", message, 500);
/** Auto Scaling and EC2 (Query protocol) report bad input as ValidationError. */
export const validationError = (message: string) => new AwsError("ValidationError", message);
