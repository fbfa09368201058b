/** A host volume's path stays on the instance's own disk, symbolic links included. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { HostPathOutsideRoot, hostPathInRoot } from "../src/host-paths.ts";

const root = () => fs.mkdtempSync(path.join(os.tmpdir(), "host-root-"));

test("a source path is made inside the root, '..' and all", async () => {
  const r = root();
  const real = fs.realpathSync(r);
  assert.equal(await hostPathInRoot(r, "/ecs/data"), path.join(real, "ecs/data"));
  assert.ok(fs.statSync(path.join(real, "ecs/data")).isDirectory());
  assert.equal(await hostPathInRoot(r, "/../../etc"), path.join(real, "etc"));
});

test("a symbolic link one task planted, pointing out of the root, is refused", async () => {
  const r = root();
  fs.mkdirSync(path.join(r, "shared"));
  fs.symlinkSync("/", path.join(r, "shared", "escape"));
  await assert.rejects(hostPathInRoot(r, "/shared/escape/etc"), HostPathOutsideRoot);
  await assert.rejects(hostPathInRoot(r, "/shared/escape"), /leads outside the instance's disk/);
  fs.symlinkSync("../../..", path.join(r, "shared", "up"));
  await assert.rejects(hostPathInRoot(r, "/shared/up/tmp"), HostPathOutsideRoot);
});

test("a symbolic link that stays inside the root is followed to its real path", async () => {
  const r = root();
  const real = fs.realpathSync(r);
  fs.mkdirSync(path.join(r, "data"));
  fs.symlinkSync(path.join(real, "data"), path.join(r, "alias"));
  assert.equal(await hostPathInRoot(r, "/alias/x"), path.join(real, "data", "x"));
});
