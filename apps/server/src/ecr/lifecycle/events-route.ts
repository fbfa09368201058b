/**
 * GET /stevedore/v1/ecr/lifecycle-events?repositoryName=<name>: what the repository's lifecycle policy
 * did, newest first, for the console's lifecycle history. ECR records these as CloudTrail events,
 * which Stevedore does not have; this is the console's own route, in the caller's account.
 */
import type { Request, Response } from "express";
import { repositoryNotFoundMessage } from "@stevedore/shared";
import type { ActionContext } from "../../aws/context.ts";
import { listLifecycleEvents } from "../../store/ecr-lifecycle.ts";
import { findRepository } from "../../store/ecr-repositories.ts";

export const LIFECYCLE_EVENTS_PATH = "/stevedore/v1/ecr/lifecycle-events";

export async function handleLifecycleEvents(req: Request, res: Response, ctx: ActionContext): Promise<void> {
  const name = typeof req.query.repositoryName === "string" ? req.query.repositoryName : "";
  const repo = name ? await findRepository(ctx.allAccounts, ctx.scope.accountId, "private", name) : undefined;
  if (!repo) {
    res.status(404).json({ __type: "RepositoryNotFoundException", message: repositoryNotFoundMessage(name, ctx.scope.accountId) });
    return;
  }
  const events = await listLifecycleEvents(ctx.allAccounts, { accountId: repo.accountId, repositoryId: repo.id });
  res.json({
    repositoryName: repo.name,
    events: events.map((e) => ({ ...e, imagePushedAt: e.imagePushedAt.getTime() / 1000, occurredAt: e.occurredAt.getTime() / 1000 })),
  });
}
