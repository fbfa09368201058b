/** A malformed cluster query: where (0-based character offset) and what was expected there. */
export class QuerySyntaxError extends Error {
  override readonly name = "QuerySyntaxError";
  constructor(
    readonly position: number,
    readonly expected: string,
  ) {
    super(`Invalid expression at position ${position}: expected ${expected}`);
  }
}
