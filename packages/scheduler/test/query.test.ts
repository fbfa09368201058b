import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { evaluate, parseExpression, QuerySyntaxError, type CandidateInstance } from "../src/index.ts";
import { instance } from "./helpers.ts";

// A cluster that every documented example selects a different part of.
const cluster: CandidateInstance[] = [
  instance("A", {
    attributes: { "ecs.instance-type": "t2.small", "ecs.availability-zone": "us-east-1a", "ecs.os-family": "LINUX", stack: "prod" },
    groupCounts: { "service:production": 1 },
    runningTasksCount: 1,
    agentVersion: "1.14.4",
    registeredAt: Date.parse("2018-02-12T10:00:00Z"),
    ec2InstanceId: "i-abcd1234",
  }),
  instance("B", {
    attributes: { "ecs.instance-type": "t2.medium", "ecs.availability-zone": "us-east-1b", "ecs.os-family": "LINUX", stack: "dev" },
    groupCounts: { database: 2 },
    runningTasksCount: 2,
    agentVersion: "1.14.5",
    registeredAt: Date.parse("2018-02-13T00:00:00Z"),
    ec2InstanceId: "i-wxyx7890",
  }),
  instance("C", {
    attributes: { "ecs.instance-type": "g2.2xlarge", "ecs.availability-zone": "us-east-1d", "ecs.os-family": "LINUX" },
    runningTasksCount: 0,
    agentVersion: "1.89.0",
    registeredAt: Date.parse("2019-01-01T00:00:00Z"),
    ec2InstanceId: "i-0000aaaa",
  }),
  instance("D", {
    attributes: { "ecs.instance-type": "g2.8xlarge", "ecs.availability-zone": "us-east-1a", "ecs.os-family": "LINUX", stack: "prod" },
    groupCounts: { databases: 1, "service:production": 1, "family:gone": 0 },
    runningTasksCount: 2,
    agentVersion: "1.20.0",
    registeredAt: Date.parse("2020-06-18T22:28:28Z"),
    ec2InstanceId: "i-dddd0000",
  }),
  instance("E", {
    agentConnected: false,
    attributes: { "ecs.instance-type": "m5.large", "ecs.availability-zone": "us-east-1c", "ecs.os-family": "WINDOWS_SERVER_2019_FULL" },
    runningTasksCount: 1,
    agentVersion: "1.9.0", // semver 1.9.0 < 1.14.5, though "1.9.0" > "1.14.5" as text
    registeredAt: Date.parse("2018-06-18T22:28:28Z"),
    ec2InstanceId: "i-eeee0000",
  }),
];

const matching = (expression: string) => cluster.filter((i) => evaluate(parseExpression(expression), i)).map((i) => i.id);

describe("every example in placement.md §1.2 selects what its page says", () => {
  const examples: [source: string, expression: string, ids: string[]][] = [
    ["1 String Equality", "attribute:ecs.instance-type == t2.small", ["A"]],
    ["2 Argument List", "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]", ["A", "B", "D"]],
    ["3 Compound Expression: G2 not in us-east-1d", "attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d", ["D"]],
    ["4 Task Affinity", "task:group == service:production", ["A", "D"]],
    ["5 Task Anti-Affinity: C and E host no tasks at all, D hosts databases (not database)", "not(task:group == database)", ["A", "C", "D", "E"]],
    ["6 Running task count", "runningTasksCount == 1", ["A", "E"]],
    ["7 Agent version: by semantic version, so 1.9.0 is older", "agentVersion < 1.14.5", ["A", "E"]],
    ["8 Registration time: B registered at 2018-02-13T00:00Z exactly, not before", "registeredAt < 2018-02-13", ["A"]],
    ["9 EC2 instance ID", "ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']", ["A", "B"]],
    ["constraints page: Windows release (memberOf(...) is the prose's wrapper)", "attribute:ecs.os-family == WINDOWS_SERVER_2019_FULL", ["E"]],
    ["CLI filter: instance type", "attribute:ecs.instance-type == g2.2xlarge", ["C"]],
    ["CLI filter: custom attribute stack=prod", "attribute:stack == prod", ["A", "D"]],
    ["CLI filter: has 'stack' unless it is prod (C and E lack it)", "attribute:stack != prod", ["B"]],
    ["CLI filter: type list", "attribute:ecs.instance-type in [t2.small, t2.medium]", ["A", "B"]],
    ["CLI filter: T2 in us-east-1a", "attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone == us-east-1a", ["A"]],
    ["constraint JSON: T2 instances", "attribute:ecs.instance-type =~ t2.*", ["A", "B"]],
    ["constraint JSON: tasks in the databases group", "task:group == databases", ["D"]],
  ];
  for (const [source, expression, ids] of examples) {
    test(`${source}: ${expression}`, () => assert.deepEqual(matching(expression), ids));
  }
});

describe("operators", () => {
  const cases: [expression: string, ids: string[]][] = [
    // Word forms are the same operators.
    ["attribute:ecs.instance-type equals t2.small", ["A"]],
    ["attribute:stack not_equals prod", ["B"]],
    ["runningTasksCount greater_than 1", ["B", "D"]],
    ["runningTasksCount greater_than_equal 1", ["A", "B", "D", "E"]],
    ["runningTasksCount less_than 1", ["C"]],
    ["runningTasksCount less_than_equal 1", ["A", "C", "E"]],
    ["attribute:ecs.instance-type matches g2.*", ["C", "D"]],
    ["attribute:ecs.instance-type not_matches g2.*", ["A", "B", "E"]],
    ["attribute:stack not_in [prod]", ["B"]],
    ["attribute:stack !in [prod, qa]", ["B"]],
    // exists / !exists take no argument.
    ["attribute:stack exists", ["A", "B", "D"]],
    ["attribute:stack !exists", ["C", "E"]],
    ["attribute:stack not_exists", ["C", "E"]],
    ["task:group exists", ["A", "B", "D"]],
    ["task:group !exists", ["C", "E"]],
    // =~ is a full match (Pattern.matches): "t2" alone matches no "t2.small".
    ["attribute:ecs.instance-type =~ t2", []],
    ["attribute:ecs.instance-type =~ '.*large'", ["C", "D", "E"]],
    ["attribute:ecs.instance-type !~ '.*large'", ["A", "B"]],
    // A negated test on an absent subject is false: C and E have no stack, C and E no task group.
    ["attribute:stack !~ pr.*", ["B"]],
    ["task:group != database", ["A", "D"]],
    ["task:group !in [database, databases]", ["A"]],
    ["task:group =~ service:.*", ["A", "D"]],
    // agentConnected compares as the text true/false.
    ["agentConnected == false", ["E"]],
    ["agentConnected != true", ["E"]],
    ["agentConnected in [true]", ["A", "B", "C", "D"]],
    // Outside a list, a bare value may hold brackets.
    ["ec2InstanceId =~ i-[a-d]{4}.*", ["A", "D"]],
    ["ec2InstanceId in [i-abcd1234,i-eeee0000]", ["A", "E"]],
    ["ec2InstanceId != i-abcd1234", ["B", "C", "D", "E"]],
    // Versions by precedence: 1.14 is 1.14.0; a pre-release ranks below its release.
    ["agentVersion == 1.14", []],
    ["agentVersion >= 1.14.5", ["B", "C", "D"]],
    ["agentVersion > 1.89.0-rc.1", ["C"]],
    ["agentVersion <= v1.9.0", ["E"]],
    // Dates: every documented form, compared as instants; no zone means UTC.
    ["registeredAt == 2020-06-18T22:28:28Z", ["D"]],
    ["registeredAt == 2020-06-18T22:28:28", ["D"]],
    ["registeredAt == 2020-06-18T22:28:28+00:00", ["D"]],
    ["registeredAt == 2020-06-19T00:28:28+02:00", ["D"]],
    ["registeredAt > 2018-06-18T17:28:28-05:00", ["C", "D"]],
    ["registeredAt >= 2018-06-18T17:28:28-05:00", ["C", "D", "E"]],
    ["registeredAt != 2018-02-13", ["A", "C", "D", "E"]],
    // Ordering on an attribute: numeric when both sides are numbers, else by character.
    ["attribute:ecs.instance-type > t2.medium", ["A"]],
    ["attribute:ecs.availability-zone <= us-east-1b", ["A", "B", "D"]],
  ];
  for (const [expression, ids] of cases) test(expression, () => assert.deepEqual(matching(expression), ids));

  test("attribute ordering is numeric when both sides are numbers; == stays string equality", () => {
    const i = instance("n", { attributes: { weight: "10" } });
    assert.equal(evaluate(parseExpression("attribute:weight > 9"), i), true);
    assert.equal(evaluate(parseExpression("attribute:weight < 9.5"), i), false);
    assert.equal(evaluate(parseExpression("attribute:weight == 10.0"), i), false);
    assert.equal(evaluate(parseExpression("attribute:weight == 10"), i), true);
  });

  test("a custom attribute without a value exists and equals ''", () => {
    const i = instance("n", { attributes: { gpu: "" } });
    assert.equal(evaluate(parseExpression("attribute:gpu exists"), i), true);
    assert.equal(evaluate(parseExpression("attribute:gpu == ''"), i), true);
  });

  test("an agentVersion that is not a version is absent: no comparison holds, != included", () => {
    const i = instance("n", { agentVersion: "" });
    for (const e of ["agentVersion < 9.0.0", "agentVersion >= 0.0.0", "agentVersion != 1.0.0"]) assert.equal(evaluate(parseExpression(e), i), false, e);
  });

  test("quoted values keep spaces and brackets; Java's \\Q...\\E and POSIX classes translate", () => {
    const i = instance("n", { attributes: { team: "Data Platform (EU)", code: "a+b", zone: "AB12", word: "ae" } });
    assert.equal(evaluate(parseExpression("attribute:team == 'Data Platform (EU)'"), i), true);
    assert.equal(evaluate(parseExpression("attribute:team in ['Data Platform (EU)', x]"), i), true);
    assert.equal(evaluate(parseExpression("attribute:code =~ '\\Qa+b\\E'"), i), true);
    assert.equal(evaluate(parseExpression("attribute:zone =~ '\\p{Upper}+\\p{Digit}{2}'"), i), true);
    assert.equal(evaluate(parseExpression("attribute:zone =~ '(?i)ab12'"), i), true);
    assert.equal(evaluate(parseExpression("attribute:zone =~ '[]A]B.*'"), i), true);
    assert.equal(evaluate(parseExpression("attribute:code =~ '\\Aa\\+b\\z'"), i), true);
    assert.equal(evaluate(parseExpression("attribute:team =~ 'Data\\hPlatform.*'"), i), true);
    // Java's \e is the escape character; untranslated, JS would read it as a plain "e".
    assert.equal(evaluate(parseExpression("attribute:word =~ 'a\\e'"), i), false);
  });
});

describe("compound expressions", () => {
  const cases: [expression: string, ids: string[]][] = [
    // not binds tighter than and, and than or: this is (type t2.small) or (zone 1a and stack prod).
    ["attribute:ecs.instance-type == t2.small or attribute:ecs.availability-zone == us-east-1a and attribute:stack == prod", ["A", "D"]],
    ["(attribute:ecs.instance-type == t2.small or attribute:ecs.availability-zone == us-east-1a) and attribute:stack == prod", ["A", "D"]],
    ["(attribute:stack == dev or attribute:stack == prod) and runningTasksCount > 1", ["B", "D"]],
    ["attribute:stack == dev or attribute:stack == prod and runningTasksCount > 1", ["B", "D"]],
    ["not attribute:stack exists or runningTasksCount == 0", ["C", "E"]],
    ["! (attribute:stack exists) && runningTasksCount == 1", ["E"]],
    ["attribute:stack == dev || agentConnected == false", ["B", "E"]],
    ["not not task:group exists", ["A", "B", "D"]],
    // Keywords are case-insensitive; subjects are not.
    ["attribute:stack EXISTS AND NOT (attribute:stack EQUALS prod)", ["B"]],
    ["attribute:stack==dev||attribute:stack==prod&&runningTasksCount==1", ["A", "B"]],
  ];
  for (const [expression, ids] of cases) test(expression, () => assert.deepEqual(matching(expression), ids));
});

describe("malformed expressions report the position and what was expected there", () => {
  const SUBJECT = "a subject (attribute:NAME, agentConnected, agentVersion, ec2InstanceId, registeredAt, runningTasksCount or task:group), 'not' or '('";
  const cases: [expression: string, position: number, expected: string][] = [
    ["", 0, SUBJECT],
    ["foo == bar", 0, SUBJECT],
    ["AgentVersion < 1.0", 0, SUBJECT],
    ["memberOf(attribute:a == b)", 0, SUBJECT],
    ["attribute:ecs.instance-type ==", 30, "a value after '=='"],
    ["attribute:ecs.instance-type equals  ", 36, "a value after 'equals'"],
    ["attribute:a == b and", 20, SUBJECT],
    ["attribute:a == b and (", 22, SUBJECT],
    ["attribute:a", 11, "an operator after 'attribute:a'"],
    ["attribute:a ?? b", 12, "an operator after 'attribute:a'"],
    ["attribute: == b", 10, "an attribute name of 1 to 128 letters, digits, hyphens, underscores, slashes, backslashes or periods after 'attribute:'"],
    ["attribute:a in x", 15, "'[' after 'in'"],
    ["attribute:a not_in", 18, "'[' after 'not_in'"],
    ["attribute:a in [x, y", 20, "',' or ']'"],
    ["attribute:a in [x y]", 18, "',' or ']'"],
    ["attribute:a in []", 16, "a value"],
    ["attribute:a in [x,]", 18, "a value after ','"],
    ["(attribute:a == b", 17, "'and', 'or' or ')'"],
    ["attribute:a == b)", 16, "'and', 'or' or the end of the expression"],
    ["attribute:a == b c", 17, "'and', 'or' or the end of the expression"],
    ["(attribute:a == b c)", 18, "'and', 'or' or ')'"],
    ["attribute:a == 'b", 17, "a closing quote (')"],
    ["agentVersion =~ 1.*", 13, "one of ==, !=, >, >=, <, <= after 'agentVersion'"],
    ["ec2InstanceId > i-1", 14, "one of ==, !=, in, !in, =~, !~ after 'ec2InstanceId'"],
    ["agentConnected exists", 15, "one of ==, !=, in, !in, =~, !~ after 'agentConnected'"],
    ["agentVersion < one", 15, "a version such as 1.14.5 after '<'"],
    ["registeredAt < 2018-02-30", 15, "a date (2018-06-18, 2018-06-18T22:28:28, 2018-06-18T22:28:28Z or 2018-06-18T22:28:28+00:00) after '<'"],
    ["registeredAt < 2018/02/13", 15, "a date (2018-06-18, 2018-06-18T22:28:28, 2018-06-18T22:28:28Z or 2018-06-18T22:28:28+00:00) after '<'"],
    ["runningTasksCount > -1", 20, "a whole number after '>'"],
    ["attribute:a =~ a++", 15, "a Java regular expression after '=~' (possessive quantifiers are not supported)"],
    ["attribute:a =~ '(?>a)'", 15, "a Java regular expression after '=~' (atomic groups are not supported)"],
    ["attribute:a =~ '[a-z&&[^b]]'", 15, "a Java regular expression after '=~' (character class intersections are not supported)"],
    ["attribute:a =~ [a[b]]", 15, "a Java regular expression after '=~' (nested character classes are not supported)"],
    ["attribute:a matches 'a{'", 20, "a Java regular expression after 'matches' ('{' must start a repetition such as {2} or {1,3})"],
    ["attribute:a =~ '\\p{L}'", 15, "a Java regular expression after '=~' (only the POSIX classes \\p{Lower}, \\p{Upper}, \\p{ASCII}, \\p{Alpha}, \\p{Digit}, \\p{Alnum}, \\p{Punct}, \\p{Graph}, \\p{Print}, \\p{Blank}, \\p{Cntrl}, \\p{XDigit}, \\p{Space} are supported)"],
    ["attribute:a =~ 'a(?i)b'", 15, "a Java regular expression after '=~' (inline flags are only supported at the start of the pattern)"],
    ["attribute:a =~ '\\y'", 15, "a Java regular expression after '=~' (\\y is not a supported escape)"],
    ["attribute:a =~ 'a)'", 15, "a Java regular expression after '=~' (/^(?:a))$/: Unmatched ')')"],
    ["x".repeat(2001), 2000, "at most 2000 characters"],
  ];
  for (const [expression, position, expected] of cases) {
    test(expression.length > 60 ? `${expression.slice(0, 20)}… (${expression.length} characters)` : JSON.stringify(expression), () => {
      assert.throws(
        () => parseExpression(expression),
        (e: unknown) => {
          assert.ok(e instanceof QuerySyntaxError);
          assert.deepEqual({ position: e.position, expected: e.expected }, { position, expected });
          assert.equal(e.message, `Invalid expression at position ${position}: expected ${expected}`);
          return true;
        },
      );
    });
  }

  test("2000 characters is still allowed", () => {
    const expression = `attribute:a == ${"b".repeat(2000 - 15)}`;
    assert.equal(expression.length, 2000);
    assert.doesNotThrow(() => parseExpression(expression));
  });
});
