import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  formatPercent,
  formatTimeTick,
  isolatedPoints,
  linearScale,
  linearTicks,
  linePath,
  niceCeil,
  percentAxisMax,
  timeTicks,
} from "../src/features/services/chart.ts";
import { advanceCursor, filterLines, logTasks, mergeLines, tail, toLine, type LogLine } from "../src/features/services/log-lines.ts";

const line = (taskId: string, id: number, timestamp: number, message = `line ${id}`, container = "web"): LogLine =>
  toLine(taskId, { id, timestamp, container, message });

describe("log lines", () => {
  it("appends newer lines and keeps time order across tasks", () => {
    const a = [line("a", 1, 1000), line("a", 2, 3000)];
    const merged = mergeLines(a, [line("b", 1, 2000), line("b", 2, 4000)]);
    assert.deepEqual(merged.map((l) => l.key), ["a/1", "b/1", "a/2", "b/2"]);
  });

  it("drops lines it already has", () => {
    const a = [line("a", 1, 1000), line("a", 2, 2000)];
    const merged = mergeLines(a, [line("a", 2, 2000), line("a", 3, 3000), line("a", 3, 3000)]);
    assert.deepEqual(merged.map((l) => l.key), ["a/1", "a/2", "a/3"]);
    assert.equal(mergeLines(merged, []), merged);
  });

  it("keeps one task's lines in id order even when clocks disagree", () => {
    const merged = mergeLines([], [line("a", 2, 1000), line("a", 1, 2000)]);
    assert.deepEqual(merged.map((l) => l.id), [1, 2]);
  });

  it("caps the kept lines, dropping the oldest, so a page open for hours stays bounded", () => {
    let lines: LogLine[] = [];
    for (let round = 0; round < 100; round++) {
      const batch = Array.from({ length: 100 }, (_, i) => line("a", round * 100 + i + 1, (round * 100 + i) * 10));
      lines = mergeLines(lines, batch, 500);
      assert.ok(lines.length <= 500);
    }
    assert.equal(lines.length, 500);
    assert.equal(lines[0]!.id, 9501);
    assert.equal(lines.at(-1)!.id, 10000);
    // A late line older than everything kept is merged in place, then dropped by the cap.
    const late = mergeLines(lines, [line("b", 1, 0)], 500);
    assert.equal(late.length, 500);
    assert.equal(late.some((l) => l.key === "b/1"), false);
    // One in the middle stays, and the oldest goes.
    const middle = mergeLines(lines, [line("b", 1, 99_000)], 500);
    assert.equal(middle[0]!.id, 9502);
    assert.ok(middle.findIndex((l) => l.key === "b/1") > 0);
  });

  it("filters by text (message, container, task) and container", () => {
    const lines = [line("a", 1, 1, "GET / 200", "web"), line("a", 2, 2, "error: boom", "worker"), line("b", 1, 3, "GET /health 200", "web")];
    assert.deepEqual(filterLines(lines, "get").map((l) => l.key), ["a/1", "b/1"]);
    assert.deepEqual(filterLines(lines, "WORKER").map((l) => l.key), ["a/2"]);
    assert.deepEqual(filterLines(lines, "", "web").map((l) => l.key), ["a/1", "b/1"]);
    assert.deepEqual(filterLines(lines, "health", "web").map((l) => l.key), ["b/1"]);
    assert.equal(filterLines(lines, "  "), lines);
  });

  it("shows the newest lines only", () => {
    assert.deepEqual(tail([1, 2, 3, 4], 2), { shown: [3, 4], hidden: 2 });
    assert.deepEqual(tail([1], 2), { shown: [1], hidden: 0 });
  });

  it("moves cursors forward only", () => {
    const c = advanceCursor({}, "a", 5);
    assert.deepEqual(c, { a: 5 });
    assert.equal(advanceCursor(c, "a", 3), c);
    assert.deepEqual(advanceCursor(c, "b", 1), { a: 5, b: 1 });
  });

  it("reads live tasks first, then the latest stopped ones, up to a maximum", () => {
    const tasks = [
      { taskId: "s1", lastStatus: "STOPPED", createdAt: 1, stoppedAt: 10 },
      { taskId: "r1", lastStatus: "RUNNING", createdAt: 5 },
      { taskId: "s2", lastStatus: "STOPPED", createdAt: 2, stoppedAt: 20 },
      { taskId: "p1", lastStatus: "PENDING", createdAt: 9 },
      { taskId: "s3", lastStatus: "STOPPED", createdAt: 3, stoppedAt: 15 },
    ];
    assert.deepEqual(logTasks(tasks, 4).map((t) => t.taskId), ["p1", "r1", "s2", "s3"]);
  });
});

describe("metric charts", () => {
  it("scales linearly", () => {
    const x = linearScale([0, 100], [10, 210]);
    assert.equal(x(0), 10);
    assert.equal(x(50), 110);
    assert.equal(x(100), 210);
    const y = linearScale([0, 100], [200, 0]);
    assert.equal(y(25), 150);
    assert.equal(linearScale([5, 5], [0, 10])(5), 5);
  });

  it("picks nice axis bounds for percentages", () => {
    assert.equal(niceCeil(0), 0);
    assert.equal(niceCeil(7), 10);
    assert.equal(niceCeil(130), 200);
    assert.equal(niceCeil(210), 250);
    assert.equal(niceCeil(0.3), 0.5);
    assert.equal(percentAxisMax([]), 100);
    assert.equal(percentAxisMax([0, 0]), 100);
    assert.equal(percentAxisMax([12.5, 80]), 100);
    assert.equal(percentAxisMax([12.5, 37]), 50);
    assert.equal(percentAxisMax([0.48, 0.8]), 1);
    assert.equal(percentAxisMax([12.5, 180]), 200);
    assert.deepEqual(linearTicks(1), [0, 0.25, 0.5, 0.75, 1]);
    assert.deepEqual(linearTicks(0.5), [0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    assert.deepEqual(linearTicks(250), [0, 50, 100, 150, 200, 250]);
    assert.deepEqual(linearTicks(200), [0, 50, 100, 150, 200]);
    assert.deepEqual(linearTicks(10, 2), [0, 5, 10]);
    assert.deepEqual(linearTicks(100), [0, 25, 50, 75, 100]);
    assert.deepEqual(linearTicks(0), [0]);
  });

  it("puts time ticks on whole ten minutes", () => {
    const start = Date.UTC(2025, 0, 1, 10, 3);
    const end = Date.UTC(2025, 0, 1, 11, 3);
    const ticks = timeTicks(start, end, 600_000);
    assert.equal(ticks.length, 6);
    assert.equal(ticks[0], Date.UTC(2025, 0, 1, 10, 10));
    assert.equal(formatTimeTick(ticks[0]!, 0), "10:10");
    assert.equal(formatTimeTick(ticks[0]!, 60), "11:10");
    assert.deepEqual(timeTicks(10, 5, 1), []);
  });

  it("draws a path, breaking it where minutes are missing", () => {
    const id = (n: number) => n;
    assert.equal(linePath([], id, id), "");
    assert.equal(
      linePath(
        [
          { t: 0, v: 1 },
          { t: 60, v: 2 },
          { t: 120, v: 3 },
        ],
        id,
        id,
        90,
      ),
      "M0,1 L60,2 L120,3",
    );
    assert.equal(
      linePath(
        [
          { t: 0, v: 1 },
          { t: 60, v: 2 },
          { t: 600, v: 5 },
        ],
        id,
        id,
        90,
      ),
      "M0,1 L60,2 M600,5 h0.01",
    );
    assert.equal(linePath([{ t: 0, v: 1 }, { t: 600, v: 5 }, { t: 660, v: 6 }], id, id, 90), "M0,1 h0.01 M600,5 L660,6");
    assert.equal(linePath([{ t: 0, v: Number.NaN }], id, id), "");
  });

  it("finds lone points to draw as dots", () => {
    const points = [
      { t: 0, v: 1 },
      { t: 60, v: 2 },
      { t: 600, v: 5 },
      { t: 1200, v: 6 },
    ];
    assert.deepEqual(isolatedPoints(points, 90), [points[2], points[3]]);
    assert.deepEqual(isolatedPoints([{ t: 0, v: 1 }], 90), [{ t: 0, v: 1 }]);
  });

  it("formats percentages", () => {
    assert.equal(formatPercent(12.345), "12.3%");
    assert.equal(formatPercent(0.256), "0.26%");
    assert.equal(formatPercent(0), "0%");
    assert.equal(formatPercent(undefined), "-");
  });
});
