import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { environmentOverride, formatCommand, parseCommandOverride } from "../src/lib/command.ts";

describe("command override", () => {
  it("splits a comma-separated list", () => {
    assert.deepEqual(parseCommandOverride("echo,hello world"), ["echo", "hello world"]);
    assert.deepEqual(parseCommandOverride(" sleep , 60 "), ["sleep", "60"]);
  });
  it("keeps quoted commas", () => {
    assert.deepEqual(parseCommandOverride('sh,-c,"echo a, b; sleep 5"'), ["sh", "-c", "echo a, b; sleep 5"]);
    assert.deepEqual(parseCommandOverride('sh,-c,"say \\"hi\\""'), ["sh", "-c", 'say "hi"']);
  });
  it("takes a JSON array", () => {
    assert.deepEqual(parseCommandOverride('["sh", "-c", "echo a,b"]'), ["sh", "-c", "echo a,b"]);
  });
  it("is undefined when empty", () => {
    assert.equal(parseCommandOverride("   "), undefined);
  });
  it("round-trips through formatCommand", () => {
    const cmd = ["sh", "-c", "echo a, b"];
    assert.deepEqual(parseCommandOverride(formatCommand(cmd)), cmd);
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
