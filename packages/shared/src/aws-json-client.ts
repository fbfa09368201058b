/**
 * A minimal client of AWS JSON 1.1 APIs (ECS, ECR, CloudWatch Logs) over fetch, for the console and
 * the agent. Errors come back as AwsApiError with the exception name ECS gave.
 */
export const ECS_TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113";

export class AwsApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = code;
  }
}

export async function callJsonApi<T>(endpoint: string, target: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const res = await fetch(`${endpoint.replace(/\/$/, "")}/`, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": target },
    body: JSON.stringify(body ?? {}),
    signal,
  });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok) {
    const type = String(json.__type ?? "UnknownError");
    throw new AwsApiError(type.slice(type.lastIndexOf("#") + 1), String(json.message ?? json.Message ?? res.statusText), res.status);
  }
  return json as T;
}

export const callEcs = <T>(endpoint: string, action: string, body: unknown, signal?: AbortSignal) =>
  callJsonApi<T>(endpoint, `${ECS_TARGET_PREFIX}.${action}`, body, signal);
