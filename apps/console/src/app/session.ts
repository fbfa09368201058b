/** Who is signed in, for the frame (account menu) and the sign-in gate. */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getSession, signOut as endSession, type SessionState } from "../api/session.ts";

export const SESSION_KEY = ["session"] as const;

export function useSessionQuery() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: getSession, staleTime: 60_000, retry: 0 });
}

/** The signed-in principal when the server requires signatures; undefined when it does not. */
export function useSession(): SessionState | undefined {
  const { data } = useSessionQuery();
  return data?.mode === "signed" && data.signedIn ? data : undefined;
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    await endSession();
    client.clear();
    window.location.assign("/sign-in");
  };
}
