/**
 * The cluster an instance joins, read from its user data the way the ECS-optimized AMI ends up reading
 * it: shell lines that append `ECS_CLUSTER=name` to /etc/ecs/ecs.config, the ecs.config text itself,
 * or Bottlerocket's `[settings.ecs] cluster = "name"`. The last assignment wins, as in the file.
 */
const ECS_CONFIG_LINE = /(?:^|[\s"'])ECS_CLUSTER=["']?([A-Za-z0-9_\-.:/]+)/;
const BOTTLEROCKET_LINE = /^cluster\s*=\s*"([^"]+)"/;

export function clusterFromUserData(userData: string | undefined): string | undefined {
  let cluster: string | undefined;
  let inEcsSettings = false;
  for (const raw of (userData ?? "").split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("#")) continue;
    if (line.startsWith("[")) inEcsSettings = line === "[settings.ecs]";
    const match = ECS_CONFIG_LINE.exec(line) ?? (inEcsSettings ? BOTTLEROCKET_LINE.exec(line) : null);
    if (match?.[1]) cluster = match[1];
  }
  return cluster;
}
