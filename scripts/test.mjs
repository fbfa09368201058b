// `npm test`: prepare the machine as `npm start` does (plus Chromium and the AWS CLI), type-check every workspace,
// check the import rules, run the unit and integration tests (node:test, real Docker Engine, real SQLite), then the
// Playwright tests in Debian's Chromium. Ends with one summary line: "N passed, N failed".
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepare, ROOT } from "./lib/prepare.mjs";
import { run, step } from "./lib/run.mjs";

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

async function phase(name, fn) {
  try {
    await fn();
  } catch (err) {
    problems.push(`${name}: ${err.message}`);
  }
}

await phase("prepare", () => prepare({ forTests: true }));
if (problems.length) finish();

await phase("typecheck", async () => {
  step("Type-checking every workspace");
  await run("npx", ["turbo", "run", "typecheck", "--output-logs=errors-only"], { cwd: ROOT });
});

await phase("import rules", async () => {
  step("Checking the import rules between workspaces (.dependency-cruiser.cjs)");
  await run("npm", ["run", "--silent", "lint:imports"], { cwd: ROOT });
});

await phase("node tests", async () => {
  const files = ["packages", "apps"].flatMap((top) =>
    fs.readdirSync(path.join(ROOT, top)).flatMap((ws) => testFiles(path.join(ROOT, top, ws, "test"))),
  );
  const tap = path.join(os.tmpdir(), `stevedore-node-tests-${process.pid}.tap`);
  step(`Running ${files.length} unit and integration test files`);
  try {
    await run(process.execPath, [
      "--import", "tsx", "--test", "--test-concurrency=1",
      "--test-reporter=spec", "--test-reporter-destination=stdout",
      "--test-reporter=tap", `--test-reporter-destination=${tap}`,
      ...files,
    ], { cwd: ROOT });
  } finally {
    count(fs.existsSync(tap) ? fs.readFileSync(tap, "utf8") : "", /^# pass (\d+)/m, /^# fail (\d+)/m, /^# skipped (\d+)/m);
  }
});

await phase("end-to-end tests", async () => {
  const report = path.join(os.tmpdir(), `stevedore-e2e-${process.pid}.json`);
  step("Running the Playwright end-to-end tests in Chromium");
  try {
    await run("npx", ["playwright", "test", "--config", "e2e/playwright.config.ts", "--reporter=list,json"], {
      cwd: ROOT,
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
    });
  } finally {
    if (fs.existsSync(report)) {
      const { stats } = JSON.parse(fs.readFileSync(report, "utf8"));
      totals.passed += stats.expected + stats.flaky;
      totals.failed += stats.unexpected;
      totals.skipped += stats.skipped;
    }
  }
});

finish();

function testFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(".test.ts")).sort().map((f) => path.join(dir, f));
}

function count(text, pass, fail, skipped) {
  totals.passed += Number(pass.exec(text)?.[1] ?? 0);
  totals.failed += Number(fail.exec(text)?.[1] ?? 0);
  totals.skipped += Number(skipped.exec(text)?.[1] ?? 0);
}

function finish() {
  for (const p of problems) console.error(`\x1b[31mFAILED\x1b[0m ${p}`);
  const failed = totals.failed + (problems.length && totals.failed === 0 ? 1 : 0);
  console.log(`\n${totals.passed} passed, ${failed} failed, ${totals.skipped} skipped`);
  process.exit(problems.length || totals.failed ? 1 : 0);
}
