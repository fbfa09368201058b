import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DockerLogParser, sinceAfter, sinceMs, type LogLine } from "../src/docker-log-stream.ts";

const T1 = "2026-11-26T10:11:57.356930027Z";
const T2 = "2026-11-26T10:11:57.356992550Z";
const T3 = "2026-11-26T10:11:58.377635619Z";
const ms = (t: string) => Date.parse(t);

/** One frame of Docker's multiplexed stream: stream byte, three zeros, payload size, payload. */
function frame(stream: 1 | 2, payload: string): Buffer {
  const body = Buffer.from(payload, "utf8");
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

/** Feeds `bytes` in pieces of `size` bytes, then ends the stream. */
function parse(multiplexed: boolean, bytes: Buffer, size = bytes.length): LogLine[] {
  const parser = new DockerLogParser(multiplexed);
  const lines: LogLine[] = [];
  for (let i = 0; i < bytes.length; i += size) lines.push(...parser.push(bytes.subarray(i, i + size)));
  return [...lines, ...parser.end()];
}

describe("DockerLogParser, multiplexed (no TTY)", () => {
  const stream = Buffer.concat([frame(1, `${T1} hello\n`), frame(2, `${T2} oops\n`), frame(1, `${T3} partial`)]);
  const expected: LogLine[] = [
    { stream: "stdout", timestamp: ms(T1), message: "hello", cursor: T1 },
    { stream: "stderr", timestamp: ms(T2), message: "oops", cursor: T2 },
    // no newline when the container exited: still a line, once the stream ends
    { stream: "stdout", timestamp: ms(T3), message: "partial", cursor: T3 },
  ];

  it("splits frames into lines per stream; an unfinished last line ends with the stream", () => {
    assert.deepEqual(parse(true, stream), expected);
  });

  it("takes frames cut anywhere, down to single bytes", () => {
    assert.deepEqual(parse(true, stream, 1), expected);
    assert.deepEqual(parse(true, stream, 7), expected);
  });

  it("joins the parts of a long line (Docker splits lines at 16 KiB), with the first part's time", () => {
    const long = Buffer.concat([frame(1, `${T1} ${"a".repeat(5)}`), frame(2, `${T2} between\n`), frame(1, `${T3} bbb\n`)]);
    assert.deepEqual(parse(true, long), [
      { stream: "stderr", timestamp: ms(T2), message: "between", cursor: T2 },
      { stream: "stdout", timestamp: ms(T1), message: "aaaaabbb", cursor: T3 },
    ]);
  });

  it("keeps empty lines and strips carriage returns", () => {
    assert.deepEqual(parse(true, Buffer.concat([frame(1, `${T1} \n`), frame(1, `${T2} dos\r\n`)])), [
      { stream: "stdout", timestamp: ms(T1), message: "", cursor: T1 },
      { stream: "stdout", timestamp: ms(T2), message: "dos", cursor: T2 },
    ]);
  });
});

describe("DockerLogParser, raw (TTY)", () => {
  it("splits on newlines, all stdout, multi-byte characters cut between chunks intact", () => {
    const raw = Buffer.from(`${T1} héllo wörld\r\n${T2} partial`, "utf8");
    assert.deepEqual(parse(false, raw, 3), [
      { stream: "stdout", timestamp: ms(T1), message: "héllo wörld", cursor: T1 },
      { stream: "stdout", timestamp: ms(T2), message: "partial", cursor: T2 },
    ]);
  });
});

describe("Docker's since", () => {
  const table: [string, string, string][] = [
    ["one nanosecond after a line", "2026-11-26T10:11:57.356992550Z", "1795687917.356992551"],
    ["carries into the next second", "2026-11-26T10:11:57.999999999Z", "1795687918.000000000"],
    ["short fractions", "2026-11-26T10:11:57.5Z", "1795687917.500000001"],
    ["no fraction", "2026-11-26T10:11:57Z", "1795687917.000000001"],
    ["an offset", "2026-11-26T11:11:57.000000001+01:00", "1795687917.000000002"],
  ];
  for (const [name, time, since] of table) it(`sinceAfter: ${name}`, () => assert.equal(sinceAfter(time), since));

  it("sinceMs: seconds with milliseconds; 0 is the container's whole output", () => {
    assert.equal(sinceMs(1795687917356), "1795687917.356");
    assert.equal(sinceMs(0), "0.000");
  });
});
