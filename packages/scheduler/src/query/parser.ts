/**
 * The cluster query language (memberOf expressions, ListContainerInstances filters):
 *
 *   expr    := and ( ("or" | "||") and )*
 *   and     := unary ( ("and" | "&&") unary )*
 *   unary   := ("not" | "!") unary | "(" expr ")" | subject operator [argument]
 *   argument:= value | "[" value ("," value)* "]"       value := bare | 'quoted'
 *
 * so not binds tighter than and, and than or. A bare value may hold brackets and commas except inside
 * a list, but never spaces or parentheses: quote those. Keywords and word operators are case-insensitive;
 * subjects and attribute names are not. Literals are converted (and rejected) here, so a malformed
 * date, version or pattern is reported at its position instead of silently matching nothing.
 */
import type { Condition, Expression, Operand, Operator, Subject } from "./ast.ts";
import { QuerySyntaxError } from "./errors.ts";
import { javaPattern } from "./java-regex.ts";
import { Scanner, type Token } from "./lexer.ts";
import { parseInstant, parseVersion } from "./values.ts";

export const MAX_EXPRESSION_LENGTH = 2000;

const SUBJECTS: Record<string, Subject["kind"]> = {
  agentConnected: "agentConnected",
  agentVersion: "agentVersion",
  ec2InstanceId: "ec2InstanceId",
  registeredAt: "registeredAt",
  runningTasksCount: "runningTasksCount",
  "task:group": "taskGroup",
};
const SUBJECT_LIST = "attribute:NAME, agentConnected, agentVersion, ec2InstanceId, registeredAt, runningTasksCount or task:group";
const ATTRIBUTE_NAME = /^[A-Za-z0-9_\-./\\]{1,128}$/;

const WORD_OPERATORS: Record<string, Operator> = {
  equals: "==",
  not_equals: "!=",
  greater_than: ">",
  greater_than_equal: ">=",
  less_than: "<",
  less_than_equal: "<=",
  exists: "exists",
  not_exists: "!exists",
  in: "in",
  not_in: "!in",
  matches: "=~",
  not_matches: "!~",
};
// Two-character symbols first, so ">=" is not read as ">".
const SYMBOL_OPERATORS: readonly Operator[] = ["==", "!=", ">=", "<=", "=~", "!~", ">", "<"];

const EQUALITY: Operator[] = ["==", "!=", "in", "!in", "=~", "!~"];
const ORDERING: Operator[] = ["==", "!=", ">", ">=", "<", "<="];
// The docs' "valid operators" per subject; attribute and task:group list none, so we allow what makes sense.
const OPERATORS: Record<Subject["kind"], readonly Operator[]> = {
  agentConnected: EQUALITY,
  ec2InstanceId: EQUALITY,
  agentVersion: ORDERING,
  registeredAt: ORDERING,
  runningTasksCount: ORDERING,
  taskGroup: [...EQUALITY, "exists", "!exists"],
  attribute: [...new Set([...EQUALITY, ...ORDERING, "exists", "!exists"] as Operator[])],
};

export function parseExpression(text: string): Expression {
  if (text.length > MAX_EXPRESSION_LENGTH) throw new QuerySyntaxError(MAX_EXPRESSION_LENGTH, `at most ${MAX_EXPRESSION_LENGTH} characters`);
  const parser = new Parser(new Scanner(text));
  const expression = parser.or();
  parser.expectEnd();
  return expression;
}

class Parser {
  private depth = 0;
  constructor(private readonly s: Scanner) {}

  or(): Expression {
    let left = this.and();
    while (this.connective("or", "||")) left = { type: "or", left, right: this.and() };
    return left;
  }

  expectEnd(): void {
    this.s.skipSpace();
    if (!this.s.atEnd) this.fail(this.depth > 0 ? "'and', 'or' or ')'" : "'and', 'or' or the end of the expression");
  }

  private and(): Expression {
    let left = this.unary();
    while (this.connective("and", "&&")) left = { type: "and", left, right: this.unary() };
    return left;
  }

  private unary(): Expression {
    this.s.skipSpace();
    if (this.keyword("not") || this.s.takeSymbol("!")) return { type: "not", operand: this.unary() };
    if (this.s.takeSymbol("(")) {
      this.depth++;
      const inner = this.or();
      this.s.skipSpace();
      if (!this.s.takeSymbol(")")) this.fail("'and', 'or' or ')'");
      this.depth--;
      return inner;
    }
    return this.condition();
  }

  private condition(): Condition {
    const word = this.s.peekWord();
    const subject = word && this.subject(word);
    if (!word || !subject) return this.fail(`a subject (${SUBJECT_LIST}), 'not' or '('`);
    this.s.take(word);
    this.s.skipSpace();
    const opStart = this.s.position;
    const op = this.operator();
    if (!op) return this.fail(`an operator after '${word.text}'`);
    const allowed = OPERATORS[subject.kind];
    if (!allowed.includes(op.operator)) this.fail(`one of ${allowed.join(", ")} after '${word.text}'`, opStart);
    const after = `after '${op.text}'`;
    if (op.operator === "exists" || op.operator === "!exists") return { type: "condition", subject, operator: op.operator, operands: [] };
    if (op.operator === "in" || op.operator === "!in") {
      return { type: "condition", subject, operator: op.operator, operands: this.list(after).map((v) => this.operand(subject, v, after)) };
    }
    const value = this.value(`a value ${after}`, false);
    if (op.operator === "=~" || op.operator === "!~") {
      try {
        return { type: "condition", subject, operator: op.operator, operands: [], pattern: javaPattern(value.text) };
      } catch (e) {
        return this.fail(`a Java regular expression ${after} (${(e as Error).message})`, value.start);
      }
    }
    return { type: "condition", subject, operator: op.operator, operands: [this.operand(subject, value, after)] };
  }

  private subject(word: Token): Subject | undefined {
    if (word.text.startsWith("attribute:")) {
      const name = word.text.slice("attribute:".length);
      if (!ATTRIBUTE_NAME.test(name)) {
        this.fail("an attribute name of 1 to 128 letters, digits, hyphens, underscores, slashes, backslashes or periods after 'attribute:'", word.start + "attribute:".length);
      }
      return { kind: "attribute", name };
    }
    const kind = SUBJECTS[word.text];
    return kind && ({ kind } as Subject);
  }

  private operator(): { operator: Operator; text: string } | undefined {
    for (const symbol of SYMBOL_OPERATORS) if (this.s.takeSymbol(symbol)) return { operator: symbol, text: symbol };
    if (this.s.text[this.s.position] === "!") {
      const word = this.s.text.slice(this.s.position + 1).match(/^[A-Za-z_]+/)?.[0].toLowerCase();
      if (word === "in" || word === "exists") {
        this.s.position += word.length + 1;
        return { operator: `!${word}`, text: `!${word}` };
      }
    }
    const word = this.s.peekWord();
    const operator = word && WORD_OPERATORS[word.text.toLowerCase()];
    if (!word || !operator) return undefined;
    this.s.take(word);
    return { operator, text: word.text };
  }

  private list(after: string): Token[] {
    this.s.skipSpace();
    if (!this.s.takeSymbol("[")) this.fail(`'[' ${after}`);
    const values = [this.value("a value", true)];
    for (;;) {
      this.s.skipSpace();
      if (this.s.takeSymbol("]")) return values;
      if (!this.s.takeSymbol(",")) this.fail("',' or ']'");
      values.push(this.value("a value after ','", true));
    }
  }

  private value(expected: string, inList: boolean): Token {
    this.s.skipSpace();
    const value = this.s.readValue(inList);
    if (value) return value;
    if (this.s.text[this.s.position] === "'") this.fail("a closing quote (')", this.s.text.length);
    return this.fail(expected);
  }

  /** Converts a literal to what its subject compares with. */
  private operand(subject: Subject, value: Token, after: string): Operand {
    switch (subject.kind) {
      case "runningTasksCount":
        if (!/^\d+$/.test(value.text)) this.fail(`a whole number ${after}`, value.start);
        return Number(value.text);
      case "registeredAt":
        return parseInstant(value.text) ?? this.fail(`a date (2018-06-18, 2018-06-18T22:28:28, 2018-06-18T22:28:28Z or 2018-06-18T22:28:28+00:00) ${after}`, value.start);
      case "agentVersion":
        return parseVersion(value.text) ?? this.fail(`a version such as 1.14.5 ${after}`, value.start);
      default:
        return value.text;
    }
  }

  private connective(word: string, symbol: string): boolean {
    this.s.skipSpace();
    return !!(this.keyword(word) || this.s.takeSymbol(symbol));
  }

  private keyword(word: string): boolean {
    const token = this.s.peekWord();
    if (token?.text.toLowerCase() !== word) return false;
    this.s.take(token);
    return true;
  }

  private fail(expected: string, position = this.s.position): never {
    throw new QuerySyntaxError(position, expected);
  }
}
