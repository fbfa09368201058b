/** The CloudWatch Logs API (JSON 1.1, X-Amz-Target Logs_20140328.<Action>) over the kept container output. */
import type { ActionContext } from "../aws/context.ts";
import type { LogsAction } from "./service.ts";
import { AwsError } from "../aws/errors.ts";
import { paginate } from "../aws/pagination.ts";
import { ensureLogGroup } from "./log-groups.ts";
import { matchesFilterPattern } from "./filter-pattern.ts";

const notFound = (what: string) => new AwsError("ResourceNotFoundException", `The specified ${what} does not exist.`);
const invalid = (message: string) => new AwsError("InvalidParameterException", message);
const ms = (d: Date) => d.getTime();

async function requireGroup(ctx: ActionContext, name: unknown) {
  if (typeof name !== "string" || !name) throw invalid("1 validation error detected: Value null at 'logGroupName' failed to satisfy constraint: Member must not be null");
  const group = await ctx.db.logGroup.findFirst({ where: { name } });
  if (!group) throw notFound("log group");
  return group;
}

function limitOf(value: unknown, max: number): number {
  if (value === undefined) return max;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw invalid(`limit must be between 1 and ${max}.`);
  return n;
}

function timeRange(input: { startTime?: unknown; endTime?: unknown }) {
  return {
    ...(input.startTime !== undefined ? { gte: new Date(Number(input.startTime)) } : {}),
    ...(input.endTime !== undefined ? { lte: new Date(Number(input.endTime)) } : {}),
  };
}

export const createLogGroup: LogsAction<"CreateLogGroup"> = async (input, ctx) => {
  const name = String(input.logGroupName ?? "");
  if (!/^[.\-_/#A-Za-z0-9]{1,512}$/.test(name)) throw invalid(`Invalid log group name: ${name}`);
  if (await ctx.db.logGroup.findFirst({ where: { name } })) throw new AwsError("ResourceAlreadyExistsException", "The specified log group already exists");
  await ensureLogGroup(ctx, name);
  return {};
};

export const deleteLogGroup: LogsAction<"DeleteLogGroup"> = async (input, ctx) => {
  const group = await requireGroup(ctx, input.logGroupName);
  await ctx.db.logEvent.deleteMany({ where: { logGroup: group.name } });
  await ctx.db.logGroup.delete({ where: { accountId_name: { accountId: ctx.scope.accountId, name: group.name } } });
  return {};
};

export const putRetentionPolicy: LogsAction<"PutRetentionPolicy"> = async (input, ctx) => {
  const group = await requireGroup(ctx, input.logGroupName);
  await ctx.db.logGroup.update({ where: { accountId_name: { accountId: ctx.scope.accountId, name: group.name } }, data: { retentionInDays: Number(input.retentionInDays) } });
  return {};
};

export const describeLogGroups: LogsAction<"DescribeLogGroups"> = async (input, ctx) => {
  const prefix = input.logGroupNamePrefix ? String(input.logGroupNamePrefix) : undefined;
  const groups = await ctx.db.logGroup.findMany({ where: prefix ? { name: { startsWith: prefix } } : {}, orderBy: { name: "asc" } });
  const { page, nextToken } = paginate(groups, input.limit, input.nextToken, 50);
  return {
    logGroups: page.map((g) => ({
      logGroupName: g.name,
      creationTime: ms(g.createdAt),
      arn: g.arn,
      logGroupArn: g.arn.replace(/:\*$/, ""),
      storedBytes: 0,
      metricFilterCount: 0,
      ...(g.retentionInDays ? { retentionInDays: g.retentionInDays } : {}),
    })),
    ...(nextToken ? { nextToken } : {}),
  };
};

export const describeLogStreams: LogsAction<"DescribeLogStreams"> = async (input, ctx) => {
  const group = await requireGroup(ctx, input.logGroupName);
  const prefix = input.logStreamNamePrefix ? String(input.logStreamNamePrefix) : undefined;
  const streams = await ctx.db.logEvent.groupBy({
    by: ["logStream"],
    where: { logGroup: group.name, ...(prefix ? { logStream: { startsWith: prefix } } : {}) },
    _min: { timestamp: true, ingestionTime: true },
    _max: { timestamp: true, ingestionTime: true },
  });
  const rows = streams
    .filter((s) => s.logStream)
    .map((s) => ({
      logStreamName: s.logStream!,
      creationTime: ms(s._min.ingestionTime!),
      firstEventTimestamp: ms(s._min.timestamp!),
      lastEventTimestamp: ms(s._max.timestamp!),
      lastIngestionTime: ms(s._max.ingestionTime!),
      uploadSequenceToken: "0",
      arn: `${group.arn.replace(/:\*$/, "")}:log-stream:${s.logStream}`,
      storedBytes: 0,
    }));
  const byTime = input.orderBy === "LastEventTime";
  rows.sort((a, b) => (byTime ? a.lastEventTimestamp - b.lastEventTimestamp : a.logStreamName.localeCompare(b.logStreamName)));
  if (input.descending === true) rows.reverse();
  const { page, nextToken } = paginate(rows, input.limit, input.nextToken, 50);
  return { logStreams: page, ...(nextToken ? { nextToken } : {}) };
};

/** Tokens are f/<id> and b/<id>: the event id a page ended at, so paging survives new lines arriving. */
function parseToken(token: unknown): { forward: boolean; id: number } | undefined {
  if (token === undefined || token === null) return undefined;
  const m = /^([fb])\/(\d+)$/.exec(String(token));
  if (!m) throw invalid("The specified nextToken is invalid.");
  return { forward: m[1] === "f", id: Number(m[2]) };
}

export const getLogEvents: LogsAction<"GetLogEvents"> = async (input, ctx) => {
  const group = await requireGroup(ctx, input.logGroupName);
  if (typeof input.logStreamName !== "string") throw invalid("1 validation error detected: Value null at 'logStreamName' failed to satisfy constraint: Member must not be null");
  const exists = await ctx.db.logEvent.findFirst({ where: { logGroup: group.name, logStream: input.logStreamName }, select: { id: true } });
  if (!exists) throw notFound("log stream");
  const limit = limitOf(input.limit, 10_000);
  const token = parseToken(input.nextToken);
  const forward = token ? token.forward : input.startFromHead === true;
  const where = {
    logGroup: group.name,
    logStream: input.logStreamName,
    timestamp: timeRange(input),
    ...(token ? { id: token.forward ? { gt: token.id } : { lt: token.id } } : {}),
  };
  const rows = await ctx.db.logEvent.findMany({ where, orderBy: { id: forward ? "asc" : "desc" }, take: limit });
  if (!forward) rows.reverse();
  const first = rows[0]?.id ?? token?.id ?? 0;
  const last = rows.at(-1)?.id ?? token?.id ?? (await lastId(ctx, group.name, input.logStreamName));
  return {
    events: rows.map((e) => ({ timestamp: ms(e.timestamp), message: e.message, ingestionTime: ms(e.ingestionTime) })),
    nextForwardToken: `f/${last}`,
    nextBackwardToken: `b/${first}`,
  };
};

async function lastId(ctx: ActionContext, group: string, stream: string): Promise<number> {
  const row = await ctx.db.logEvent.findFirst({ where: { logGroup: group, logStream: stream }, orderBy: { id: "desc" }, select: { id: true } });
  return row?.id ?? 0;
}

export const filterLogEvents: LogsAction<"FilterLogEvents"> = async (input, ctx) => {
  const group = await requireGroup(ctx, input.logGroupName);
  const limit = limitOf(input.limit, 10_000);
  const names = Array.isArray(input.logStreamNames) ? input.logStreamNames.map(String) : undefined;
  if (names && input.logStreamNamePrefix) throw invalid("logStreamNames and logStreamNamePrefix are mutually exclusive.");
  const after = input.nextToken ? Number(input.nextToken) : 0;
  if (!Number.isInteger(after)) throw invalid("The specified nextToken is invalid.");
  const pattern = typeof input.filterPattern === "string" ? input.filterPattern : "";
  const rows = await ctx.db.logEvent.findMany({
    where: {
      logGroup: group.name,
      timestamp: timeRange(input),
      id: { gt: after },
      ...(names ? { logStream: { in: names } } : input.logStreamNamePrefix ? { logStream: { startsWith: String(input.logStreamNamePrefix) } } : {}),
    },
    orderBy: { id: "asc" },
    take: pattern ? undefined : limit + 1,
  });
  const matched = rows.filter((e) => matchesFilterPattern(pattern, e.message));
  const page = matched.slice(0, limit);
  const more = matched.length > limit;
  const streams = [...new Set(page.map((e) => e.logStream!))];
  return {
    events: page.map((e) => ({ logStreamName: e.logStream, timestamp: ms(e.timestamp), message: e.message, ingestionTime: ms(e.ingestionTime), eventId: String(e.id) })),
    searchedLogStreams: streams.map((logStreamName) => ({ logStreamName, searchedCompletely: !more })),
    ...(more ? { nextToken: String(page.at(-1)!.id) } : {}),
  };
};

export const logsHandlers = {
  CreateLogGroup: createLogGroup,
  DeleteLogGroup: deleteLogGroup,
  PutRetentionPolicy: putRetentionPolicy,
  DescribeLogGroups: describeLogGroups,
  DescribeLogStreams: describeLogStreams,
  GetLogEvents: getLogEvents,
  FilterLogEvents: filterLogEvents,
};
