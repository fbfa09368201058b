/**
 * ECS's clientToken: a RunTask or CreateService retried with the same token answers what the first
 * call did and starts nothing new; the same token with other parameters is refused. Kept a day
 * (janitor.ts). Calls with one token in flight at once run one after the other.
 */
import { createHash } from "node:crypto";
import type { ActionContext } from "../aws/context.ts";
import { clientException } from "../aws/errors.ts";
import { KeyedLock } from "../ecs/keyed-lock.ts";

const inFlight = new KeyedLock();

/** Epoch seconds for Dates, as the JSON protocol writes them: a stored answer reads back as it was sent. */
const asSent = (value: unknown): unknown => JSON.parse(JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
  const raw = this[key];
  return raw instanceof Date ? raw.getTime() / 1000 : v;
}));

export async function idempotent<T>(ctx: ActionContext, operation: string, input: { clientToken?: string | undefined }, run: () => Promise<T>): Promise<T> {
  const token = input.clientToken;
  if (!token) return run();
  const { clientToken: _, ...rest } = input;
  const requestHash = createHash("sha256").update(JSON.stringify(rest)).digest("hex");
  const where = { accountId_operation_token: { accountId: ctx.scope.accountId, operation, token } };
  return inFlight.run(`${ctx.scope.accountId}/${operation}/${token}`, async () => {
    const earlier = await ctx.db.idempotentRequest.findUnique({ where });
    if (earlier) {
      if (earlier.requestHash !== requestHash) throw clientException(`The clientToken '${token}' was used with other parameters.`);
      return JSON.parse(earlier.response) as T;
    }
    const response = await run();
    await ctx.db.idempotentRequest.create({ data: { accountId: ctx.scope.accountId, operation, token, requestHash, response: JSON.stringify(asSent(response)) } });
    return response;
  });
}
