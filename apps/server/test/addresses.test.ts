import assert from "node:assert/strict";
import { test } from "node:test";
import { nextFreeAddress } from "../src/ec2/addresses.ts";

test("instances get the first free loopback address of their network, skipping .0 and .255", () => {
  assert.equal(nextFreeAddress("127.1", new Set()), "127.1.0.1");
  assert.equal(nextFreeAddress("127.1", new Set(["127.1.0.1", "127.1.0.2"])), "127.1.0.3");
  const firstRowTaken = new Set(Array.from({ length: 254 }, (_, i) => `127.1.0.${i + 1}`));
  assert.equal(nextFreeAddress("127.1", firstRowTaken), "127.1.1.0");
});
