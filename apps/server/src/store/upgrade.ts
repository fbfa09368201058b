/**
 * What a database written before accounts needs once migrated: the migration gives each row the
 * account its ARN names; rows without an ARN that it could not place (none are expected) become the
 * default account's, so nothing is left in no account.
 */
import type { Db } from "../db/client.ts";

const TABLES = ["Cluster", "CapacityProvider", "ContainerInstance", "TaskDefinition", "Task", "LaunchConfiguration", "AutoScalingGroup", "Ec2Instance", "LogGroup", "LogEvent", "ScalingActivity", "Service", "MetricSample"];

export async function claimUnownedRows(db: Db, defaultAccountId: string): Promise<void> {
  await db.$transaction(TABLES.map((table) => db.$executeRawUnsafe(`UPDATE "${table}" SET "accountId" = ? WHERE "accountId" = ''`, defaultAccountId)));
}
