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

/** Headers a caller adds to a request (an agent's token, a SigV4 signature over the other headers and the body). */
export type RequestHeaders = (request: { url: string; headers: Record<string, string>; body: string }) => Promise<Record<string, string>> | Record<string, string>;

export async function callJsonApi<T>(endpoint: string, target: string, body: unknown, signal?: AbortSignal, extraHeaders?: RequestHeaders): Promise<T> {
  const url = `${endpoint.replace(/\/$/, "")}/`;
  const text = JSON.stringify(body ?? {});
  const headers = { "content-type": "application/x-amz-json-1.1", "x-amz-target": target };
  const res = await fetch(url, {
    method: "POST",
    headers: { ...headers, ...(extraHeaders ? await extraHeaders({ url, headers, body: text }) : {}) },
    body: text,
    signal,
  });
  const answer = await res.text();
  const json = answer ? (JSON.parse(answer) as Record<string, unknown>) : {};
  if (!res.ok) {
    const type = String(json.__type ?? "UnknownError");
    throw new AwsApiError(type.slice(type.lastIndexOf("#") + 1), String(json.message ?? json.Message ?? res.statusText), res.status);
  }
  return json as T;
}

export const callEcs = <T>(endpoint: string, action: string, body: unknown, signal?: AbortSignal, extraHeaders?: RequestHeaders) =>
  callJsonApi<T>(endpoint, `${ECS_TARGET_PREFIX}.${action}`, body, signal, extraHeaders);
