/**
 * ECS's clientToken: a RunTask or CreateService retried with the same token starts nothing new and
 * answers with what the first call made; the same token with other parameters is refused. Kept a day
 * (janitor.ts). Calls with one token in flight at once run one after the other.
 *
 * The token is recorded in the same transaction as what the call makes (its tasks, its service), so a
 * server killed between the two cannot make a retry start the call twice. What is recorded is the
 * call's outcome (the ARNs it made, its failures): a retry answers from it with the resources as they
 * are now.
 */
import { createHash } from "node:crypto";
import type { ActionContext } from "../aws/context.ts";
import { clientException } from "../aws/errors.ts";
import type { IdempotentRequest } from "../db/client.ts";
import { KeyedLock } from "../ecs/keyed-lock.ts";

const inFlight = new KeyedLock();

/** The token's record, for the call to write in the transaction of its change. */
export class TokenClaim<Outcome> {
  used = false;
  constructor(private readonly base: Omit<IdempotentRequest, "response" | "createdAt">) {}

  record(outcome: Outcome): IdempotentRequest {
    this.used = true;
    return { ...this.base, response: JSON.stringify(outcome), createdAt: new Date() };
  }
}

export interface IdempotentCall<Result, Outcome> {
  /** Runs the call; when it makes anything, it writes `claim.record(outcome)` in the same transaction. */
  run(claim: TokenClaim<Outcome> | undefined): Promise<Result>;
  /** The outcome of a call that made nothing (and so recorded nothing itself). */
  outcome(result: Result): Outcome;
  /** The answer to a retry. */
  replay(outcome: Outcome): Promise<Result>;
}

export async function idempotent<Result, Outcome>(
  ctx: ActionContext,
  operation: string,
  input: { clientToken?: string | undefined },
  call: IdempotentCall<Result, Outcome>,
): Promise<Result> {
  const token = input.clientToken;
  if (!token) return call.run(undefined);
  const { clientToken: _, ...rest } = input;
  const requestHash = createHash("sha256").update(JSON.stringify(rest)).digest("hex");
  const accountId = ctx.scope.accountId;
  return inFlight.run(`${accountId}/${operation}/${token}`, async () => {
    const earlier = await ctx.db.idempotentRequest.findUnique({ where: { accountId_operation_token: { accountId, operation, token } } });
    if (earlier) {
      if (earlier.requestHash !== requestHash) throw clientException(`The clientToken '${token}' was used with other parameters.`);
      return call.replay(JSON.parse(earlier.response) as Outcome);
    }
    const claim = new TokenClaim<Outcome>({ accountId, operation, token, requestHash });
    const result = await call.run(claim);
    if (!claim.used) await ctx.db.idempotentRequest.create({ data: claim.record(call.outcome(result)) });
    return result;
  });
}
