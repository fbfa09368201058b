/**
 * The console's sign-in (the server's session route): whether the server requires signed calls, and
 * who is signed in. Signing in hands the access key pair to the server once; it answers with an
 * HttpOnly cookie that authenticates the console's API calls, so the secret key is kept in no page
 * storage (as the AWS console's own session cookie).
 */
import { AwsApiError } from "@stevedore/shared";
import { endpoint } from "./endpoint.ts";

export interface SessionState {
  mode: "signed" | "open";
  signedIn: boolean;
  region: string;
  accountId?: string;
  principalArn?: string;
}

const PATH = "/stevedore/v1/session";

async function call(method: "GET" | "POST" | "DELETE", body?: unknown): Promise<SessionState> {
  const res = await fetch(`${endpoint()}${PATH}`, {
    method,
    credentials: "same-origin",
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as SessionState & { __type?: string; message?: string };
  if (!res.ok) throw new AwsApiError(json.__type ?? `HTTP${res.status}`, json.message ?? res.statusText, res.status);
  return json;
}

export const getSession = () => call("GET");
export const signIn = (accessKeyId: string, secretAccessKey: string) => call("POST", { accessKeyId, secretAccessKey });
export const signOut = () => call("DELETE");
