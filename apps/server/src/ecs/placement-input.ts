/** placementStrategy and placementConstraints as RunTask and CreateService accept them. */
import { parseExpression, QuerySyntaxError, type Expression, type PlacementConstraint, type PlacementStrategy } from "@stevedore/scheduler";
import { invalidParameter } from "../aws/errors.ts";

const FIELDS_BY_TYPE: Record<string, (field: string | undefined) => boolean> = {
  random: (f) => f === undefined,
  binpack: (f) => f !== undefined && ["cpu", "memory"].includes(f.toLowerCase()),
  spread: (f) => f !== undefined && (["instanceId", "host"].includes(f) || f.startsWith("attribute:")),
};

export function parsePlacementStrategies(value: unknown): PlacementStrategy[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidParameter("placementStrategy must be a list.");
  if (value.length > 5) throw invalidParameter("You can specify a maximum of 5 strategy rules for each task.");
  return value.map((s) => {
    const type = String(s?.type ?? "");
    const field = s?.field === undefined ? undefined : String(s.field);
    const ok = FIELDS_BY_TYPE[type];
    if (!ok) throw invalidParameter(`Invalid placement strategy type '${type}'. Valid types are random, spread and binpack.`);
    if (!ok(field)) throw invalidParameter(`Invalid field '${field ?? ""}' for placement strategy type '${type}'.`);
    return { type: type as PlacementStrategy["type"], ...(field ? { field: type === "binpack" ? field.toLowerCase() : field } : {}) };
  });
}

export function parsePlacementConstraints(value: unknown): PlacementConstraint[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidParameter("placementConstraints must be a list.");
  return value.map((c) => {
    const type = String(c?.type ?? "");
    if (type === "distinctInstance") {
      if (c.expression) throw invalidParameter("You can't specify an expression if the constraint type is distinctInstance.");
      return { type };
    }
    if (type === "memberOf") {
      if (typeof c.expression !== "string" || !c.expression.trim()) throw invalidParameter("A memberOf placement constraint needs an expression.");
      parseQuery(c.expression);
      return { type, expression: c.expression };
    }
    throw invalidParameter(`Invalid placement constraint type '${type}'. Valid types are distinctInstance and memberOf.`);
  });
}

/** A cluster query language expression, or InvalidParameterException saying where it went wrong. */
export function parseQuery(text: string): Expression {
  try {
    return parseExpression(text);
  } catch (err) {
    if (err instanceof QuerySyntaxError) throw invalidParameter(err.message);
    throw err;
  }
}
