import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  constraintIssue,
  DEFAULT_PLACEMENT,
  describePlacement,
  detectTemplate,
  fromApiPlacement,
  hasPlacementIssues,
  moveItem,
  PLACEMENT_TEMPLATE_OPTIONS,
  PLACEMENT_TEMPLATES,
  placementIssues,
  strategyIssue,
  templateValue,
  toApiPlacement,
} from "../src/lib/placement.ts";

describe("placement templates", () => {
  it("offers the console's five choices in order", () => {
    assert.deepEqual(
      PLACEMENT_TEMPLATE_OPTIONS.map((o) => o.label),
      ["AZ Balanced Spread", "AZ Balanced BinPack", "BinPack", "One Task Per Host", "Custom"],
    );
    assert.equal(PLACEMENT_TEMPLATE_OPTIONS[4]?.description, "Define your own task placement strategy.");
  });

  it("gives each template's rules", () => {
    assert.deepEqual(templateValue("az-balanced-spread"), {
      strategies: [
        { type: "spread", field: "attribute:ecs.availability-zone" },
        { type: "spread", field: "instanceId" },
      ],
      constraints: [],
    });
    assert.deepEqual(templateValue("az-balanced-binpack").strategies, [
      { type: "spread", field: "attribute:ecs.availability-zone" },
      { type: "binpack", field: "memory" },
    ]);
    assert.deepEqual(templateValue("binpack"), { strategies: [{ type: "binpack", field: "memory" }], constraints: [] });
    assert.deepEqual(templateValue("one-task-per-host"), { strategies: [], constraints: [{ type: "distinctInstance" }] });
    assert.deepEqual(templateValue("custom"), { strategies: [], constraints: [] });
  });

  it("hands out copies, not the templates themselves", () => {
    const v = templateValue("binpack");
    v.strategies[0]!.field = "cpu";
    assert.equal(PLACEMENT_TEMPLATES[2]?.placementStrategy?.[0]?.field, "memory");
  });

  it("defaults to AZ Balanced Spread", () => {
    assert.equal(detectTemplate(DEFAULT_PLACEMENT), "az-balanced-spread");
  });
});

describe("detectTemplate", () => {
  it("recognises every template, round trip", () => {
    for (const t of PLACEMENT_TEMPLATES) assert.equal(detectTemplate(templateValue(t.id)), t.id);
  });
  it("is Custom when the order differs", () => {
    assert.equal(
      detectTemplate({
        strategies: [
          { type: "spread", field: "instanceId" },
          { type: "spread", field: "attribute:ecs.availability-zone" },
        ],
        constraints: [],
      }),
      "custom",
    );
  });
  it("is Custom with an extra constraint, and for an empty value", () => {
    const v = templateValue("binpack");
    v.constraints.push({ type: "memberOf", expression: "attribute:ecs.instance-type =~ t2.*" });
    assert.equal(detectTemplate(v), "custom");
    assert.equal(detectTemplate({ strategies: [], constraints: [] }), "custom");
  });
  it("ignores binpack field case and surrounding spaces", () => {
    assert.equal(detectTemplate({ strategies: [{ type: "binpack", field: " MEMORY " }], constraints: [] }), "binpack");
  });
  it("reads what the API returns", () => {
    const v = fromApiPlacement([{ type: "binpack", field: "memory" }], null);
    assert.equal(detectTemplate(v), "binpack");
    assert.equal(detectTemplate(fromApiPlacement(undefined, [{ type: "distinctInstance" }])), "one-task-per-host");
  });
});

describe("toApiPlacement", () => {
  it("trims, lowercases binpack fields and drops random's field", () => {
    assert.deepEqual(
      toApiPlacement({
        strategies: [
          { type: "random", field: "x" },
          { type: "binpack", field: " CPU" },
          { type: "spread", field: " attribute:ecs.availability-zone " },
        ],
        constraints: [{ type: "memberOf", expression: "  attribute:ecs.instance-type =~ t2.*  " }, { type: "distinctInstance", expression: "" }],
      }),
      {
        placementStrategy: [{ type: "random" }, { type: "binpack", field: "cpu" }, { type: "spread", field: "attribute:ecs.availability-zone" }],
        placementConstraints: [{ type: "memberOf", expression: "attribute:ecs.instance-type =~ t2.*" }, { type: "distinctInstance" }],
      },
    );
  });
  it("sends nothing for an empty value", () => {
    assert.deepEqual(toApiPlacement({ strategies: [], constraints: [] }), {});
  });
  it("round-trips through fromApiPlacement", () => {
    const api = toApiPlacement(templateValue("az-balanced-binpack"));
    assert.deepEqual(fromApiPlacement(api.placementStrategy, api.placementConstraints), templateValue("az-balanced-binpack"));
  });
});

describe("moveItem", () => {
  it("moves up and down, clamped", () => {
    assert.deepEqual(moveItem(["a", "b", "c"], 2, 1), ["a", "c", "b"]);
    assert.deepEqual(moveItem(["a", "b", "c"], 0, 1), ["b", "a", "c"]);
    assert.deepEqual(moveItem(["a", "b", "c"], 0, -1), ["a", "b", "c"]);
    assert.deepEqual(moveItem(["a", "b", "c"], 2, 9), ["a", "b", "c"]);
    assert.deepEqual(moveItem(["a"], 5, 0), ["a"]);
  });
  it("leaves the input alone", () => {
    const list = ["a", "b"];
    moveItem(list, 0, 1);
    assert.deepEqual(list, ["a", "b"]);
  });
});

describe("placement checks", () => {
  it("checks strategy fields as the server does", () => {
    assert.equal(strategyIssue({ type: "random" }), undefined);
    assert.match(strategyIssue({ type: "random", field: "memory" }) ?? "", /no field/);
    assert.equal(strategyIssue({ type: "binpack", field: "Memory" }), undefined);
    assert.match(strategyIssue({ type: "binpack", field: "disk" }) ?? "", /cpu or memory/);
    assert.match(strategyIssue({ type: "binpack" }) ?? "", /cpu or memory/);
    assert.equal(strategyIssue({ type: "spread", field: "instanceId" }), undefined);
    assert.equal(strategyIssue({ type: "spread", field: "host" }), undefined);
    assert.equal(strategyIssue({ type: "spread", field: "attribute:stack" }), undefined);
    assert.match(strategyIssue({ type: "spread", field: "attribute:" }) ?? "", /attribute name/);
    assert.match(strategyIssue({ type: "spread", field: "zone" }) ?? "", /instanceId, host or attribute/);
    assert.match(strategyIssue({ type: "spread", field: "" }) ?? "", /Enter a field/);
  });
  it("checks constraints, leaving syntax to the server", () => {
    assert.equal(constraintIssue({ type: "distinctInstance" }), undefined);
    assert.match(constraintIssue({ type: "distinctInstance", expression: "x" }) ?? "", /no expression/);
    assert.match(constraintIssue({ type: "memberOf", expression: " " }) ?? "", /Enter an expression/);
    assert.equal(constraintIssue({ type: "memberOf", expression: "attribute:ecs.instance-type =~ t2.*" }), undefined);
    assert.match(constraintIssue({ type: "memberOf", expression: '"attribute:ecs.instance-type =~ t2.*"' }) ?? "", /without quotes/);
    assert.match(constraintIssue({ type: "memberOf", expression: "a".repeat(2001) }) ?? "", /2000/);
  });
  it("limits 5 strategies and 10 constraints", () => {
    const six = { strategies: Array.from({ length: 6 }, () => ({ type: "random" as const })), constraints: [] };
    assert.match(placementIssues(six).form ?? "", /maximum of 5 strategies/);
    const eleven = { strategies: [], constraints: Array.from({ length: 11 }, () => ({ type: "distinctInstance" as const })) };
    assert.match(placementIssues(eleven).form ?? "", /maximum of 10 constraints/);
    assert.equal(hasPlacementIssues(placementIssues(DEFAULT_PLACEMENT)), false);
    assert.equal(hasPlacementIssues(placementIssues({ strategies: [{ type: "spread" }], constraints: [] })), true);
  });
  it("describes the rules one a line", () => {
    assert.deepEqual(describePlacement(templateValue("az-balanced-spread")), [
      "spread(attribute:ecs.availability-zone)",
      "spread(instanceId)",
    ]);
    assert.deepEqual(describePlacement({ strategies: [{ type: "random" }], constraints: [{ type: "memberOf", expression: "a == b" }, { type: "distinctInstance" }] }), [
      "random",
      "memberOf(a == b)",
      "distinctInstance",
    ]);
  });
});
