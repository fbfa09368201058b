import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { environmentOverride, formatList, parseList } from "../src/lib/command.ts";

describe("list fields", () => {
  it("splits a comma-separated list", () => {
    assert.deepEqual(parseList("echo,hello world"), ["echo", "hello world"]);
    assert.deepEqual(parseList(" sleep , 60 "), ["sleep", "60"]);
  });
  it("keeps quoted commas", () => {
    assert.deepEqual(parseList('sh,-c,"echo a, b; sleep 5"'), ["sh", "-c", "echo a, b; sleep 5"]);
    assert.deepEqual(parseList('sh,-c,"say \\"hi\\""'), ["sh", "-c", 'say "hi"']);
  });
  it("takes a JSON array", () => {
    assert.deepEqual(parseList('["sh", "-c", "echo a,b"]'), ["sh", "-c", "echo a,b"]);
  });
  it("is undefined when empty", () => {
    assert.equal(parseList("   "), undefined);
  });
  it("round-trips through formatList", () => {
    const cmd = ["sh", "-c", "echo a, b"];
    assert.deepEqual(parseList(formatList(cmd)), cmd);
  });
  it("falls back to JSON where the comma form would lose items", () => {
    for (const list of [[], [""], ["a", " b"], ["echo", ""]]) {
      assert.equal(formatList(list), JSON.stringify(list));
      assert.deepEqual(parseList(formatList(list)), list);
    }
    assert.equal(formatList(undefined), "");
    assert.equal(formatList(["CMD-SHELL", "curl -f http://localhost/ || exit 1"]), "CMD-SHELL,curl -f http://localhost/ || exit 1");
  });
  it("drops blank environment rows", () => {
    assert.deepEqual(
      environmentOverride([
        { key: "A", value: "1" },
        { key: " ", value: "x" },
        { key: " B ", value: "" },
      ]),
      [
        { name: "A", value: "1" },
        { name: "B", value: "" },
      ],
    );
  });
});
