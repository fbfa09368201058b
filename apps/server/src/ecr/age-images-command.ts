/**
 * The operator's command to age ECR images for labs and tests of lifecycle policies: it moves images'
 * push (and last pull) times into the past, as if they had been pushed days ago. Not an AWS API: it
 * works on the data folder, next to a running server or not.
 *
 *   npm run age-images -- --repository web --days 30 [--tag v1]... [--digest sha256:...]... [--account 123456789012]
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { openDb } from "../db/client.ts";
import { ageImages } from "../store/ecr-images.ts";
import { findRepository } from "../store/ecr-repositories.ts";

const { values } = parseArgs({
  options: {
    repository: { type: "string" },
    days: { type: "string" },
    tag: { type: "string", multiple: true },
    digest: { type: "string", multiple: true },
    account: { type: "string" },
  },
});
const config = loadConfig();
const days = Number(values.days);
if (!values.repository || !Number.isFinite(days) || days <= 0) {
  console.error("Usage: npm run age-images -- --repository <name> --days <n> [--tag <tag>]... [--digest <digest>]... [--account <id>]");
  process.exit(2);
}
const accountId = values.account ?? config.accountId;
const db = openDb(config.dataDir);
try {
  const repo = await findRepository(db, accountId, "private", values.repository);
  if (!repo) {
    console.error(`No repository ${values.repository} in the registry of account ${accountId} (data folder ${config.dataDir}).`);
    process.exit(1);
  }
  const only = values.tag || values.digest ? { tags: values.tag ?? [], digests: values.digest ?? [] } : undefined;
  const aged = await ageImages(db, { accountId, repositoryId: repo.id }, days, only);
  console.log(`Aged ${aged} image(s) of ${repo.name} (account ${accountId}) by ${days} day(s): lifecycle policies see them as pushed that much earlier.`);
} finally {
  await db.$disconnect();
}
