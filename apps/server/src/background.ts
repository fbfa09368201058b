/**
 * Work the server starts and does not wait for (a group's deletion, a reconcile after a report): its
 * failure is logged with what it was, never left to end the process as an unhandled rejection.
 */
export function background(what: string, work: Promise<unknown>): void {
  work.catch((err: unknown) => console.error(`Background work failed (${what}):`, err));
}
