import assert from "node:assert/strict";
import { test } from "node:test";
import { QueryParams, toXml } from "../src/aws/query-protocol.ts";
import { nextFreeAddress } from "../src/ec2/addresses.ts";

const params = (text: string) => new QueryParams(new Map(new URLSearchParams(text)));

test("Query lists arrive flattened as Name.member.N (Auto Scaling) or Name.N (EC2), in index order", () => {
  const p = params("AvailabilityZones.member.2=us-east-1b&AvailabilityZones.member.1=us-east-1a&InstanceId.1=i-1&InstanceId.10=i-10&InstanceId.2=i-2");
  assert.deepEqual(p.list("AvailabilityZones"), ["us-east-1a", "us-east-1b"]);
  assert.deepEqual(p.list("InstanceId"), ["i-1", "i-2", "i-10"]);
});

test("Query structures in lists come back as one record per index", () => {
  const p = params("Tags.member.1.Key=team&Tags.member.1.Value=red&Tags.member.2.Key=env");
  assert.deepEqual(p.structs("Tags"), [{ Key: "team", Value: "red" }, { Key: "env" }]);
});

test("a missing required Query parameter is a ValidationError naming it as AWS does", () => {
  assert.throws(() => params("").required("AutoScalingGroupName"), {
    name: "ValidationError",
    message: "1 validation error detected: Value null at 'autoScalingGroupName' failed to satisfy constraint: Member must not be null",
  });
  assert.throws(() => params("MinSize=two").int("MinSize"), { name: "ValidationError" });
});

test("XML: lists become <member> (or EC2's <item>) elements, text is escaped, dates are ISO", () => {
  assert.equal(toXml({ Names: ["a", "b<c"] }, "member"), "<Names><member>a</member><member>b&lt;c</member></Names>");
  assert.equal(toXml({ set: [{ id: 1 }] }, "item"), "<set><item><id>1</id></item></set>");
  assert.equal(toXml({ At: new Date("2026-01-02T03:04:05Z"), Skip: undefined }, "member"), "<At>2026-01-02T03:04:05.000Z</At>");
});

test("instances get the first free loopback address of their network, skipping .0 and .255", () => {
  assert.equal(nextFreeAddress("127.1", new Set()), "127.1.0.1");
  assert.equal(nextFreeAddress("127.1", new Set(["127.1.0.1", "127.1.0.2"])), "127.1.0.3");
  const firstRowTaken = new Set(Array.from({ length: 254 }, (_, i) => `127.1.0.${i + 1}`));
  assert.equal(nextFreeAddress("127.1", firstRowTaken), "127.1.1.0");
});
