import type { RegisterTaskDefinitionInput } from "@stevedore/shared";
import { parseExpression, QuerySyntaxError } from "@stevedore/scheduler";
import { clientException } from "../../aws/errors.ts";

/** memberOf expressions parse in the cluster query language: the scheduler's parser, so only the server checks them. */
export function checkPlacementExpressions(def: RegisterTaskDefinitionInput): void {
  for (const pc of def.placementConstraints ?? []) {
    try {
      parseExpression(pc.expression ?? "");
    } catch (err) {
      if (err instanceof QuerySyntaxError) throw clientException(`Invalid 'placementConstraints' expression: ${err.message}`);
      throw err;
    }
  }
}
