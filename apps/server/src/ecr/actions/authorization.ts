/** GetAuthorizationToken: a 12-hour password for the caller's registry, user `AWS`, as `aws ecr get-login-password` prints it. */
import { authorizationToken } from "../auth-tokens.ts";
import type { EcrAction } from "../service.ts";

export const getAuthorizationToken: EcrAction<"GetAuthorizationToken"> = async (_input, ctx) => {
  const { accountId } = ctx.scope;
  const { password, expiresAt } = ctx.ecr.tokens.issue(accountId);
  ctx.ecr.publish(accountId);
  return {
    authorizationData: [{ authorizationToken: authorizationToken(password), expiresAt: new Date(expiresAt), proxyEndpoint: `http://${ctx.ecr.privateAddress(accountId)}` }],
  };
};
