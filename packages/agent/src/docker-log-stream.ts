/**
 * Docker's container log stream (logs with timestamps=true) → whole lines. Pure.
 *
 * Without a TTY the stream is multiplexed: frames of an 8-byte header (stream 1 stdout or 2 stderr,
 * then the payload size) and one log message each, `<RFC 3339 nano time> <text>`. A message without a
 * trailing newline is part of a line: Docker splits lines over 16 KiB, and flushes the last unfinished
 * line when the container exits. Parts are joined into one line; what is unfinished when the stream
 * ends (the container stopped) is a line too. With a TTY the stream is raw: lines split on newlines,
 * all of them stdout.
 */
export type LogStreamName = "stdout" | "stderr";

export interface LogLine {
  stream: LogStreamName;
  /** Epoch milliseconds of the line's first part. */
  timestamp: number;
  message: string;
  /** Docker's time of the line's last part: where to resume after it (see sinceAfter). */
  cursor: string;
}

const HEADER = 8;
const STREAMS: Readonly<Record<number, LogStreamName>> = { 1: "stdout", 2: "stderr" };

interface Unfinished {
  timestamp: number;
  parts: string[];
  cursor: string;
}

export class DockerLogParser {
  private buffered: Buffer = Buffer.alloc(0);
  private readonly unfinished = new Map<LogStreamName, Unfinished>();

  constructor(private readonly multiplexed: boolean) {}

  /** The lines that `chunk` completes. */
  push(chunk: Buffer): LogLine[] {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    return this.multiplexed ? this.frames() : this.rawLines();
  }

  /** The stream ended: what is left is the last line of each stream. */
  end(): LogLine[] {
    if (!this.multiplexed && this.buffered.length) this.message("stdout", this.buffered.toString("utf8"));
    this.buffered = Buffer.alloc(0);
    const lines = [...this.unfinished].map(([stream, u]) => line(stream, u));
    this.unfinished.clear();
    return lines;
  }

  private frames(): LogLine[] {
    const lines: LogLine[] = [];
    while (this.buffered.length >= HEADER) {
      const size = this.buffered.readUInt32BE(4);
      if (this.buffered.length < HEADER + size) break;
      const stream = STREAMS[this.buffered[0]!] ?? "stdout";
      const done = this.message(stream, this.buffered.subarray(HEADER, HEADER + size).toString("utf8"));
      this.buffered = this.buffered.subarray(HEADER + size);
      if (done) lines.push(done);
    }
    return lines;
  }

  private rawLines(): LogLine[] {
    const lines: LogLine[] = [];
    let nl: number;
    while ((nl = this.buffered.indexOf(0x0a)) >= 0) {
      const done = this.message("stdout", this.buffered.subarray(0, nl + 1).toString("utf8"));
      this.buffered = this.buffered.subarray(nl + 1);
      if (done) lines.push(done);
    }
    return lines;
  }

  /** One message, `<time> <text>`: the line it completes, or undefined while a line's parts gather. */
  private message(stream: LogStreamName, payload: string): LogLine | undefined {
    const space = payload.indexOf(" ");
    if (space < 0) return undefined; // not a message: every one starts with its time
    const cursor = payload.slice(0, space);
    const text = payload.slice(space + 1);
    const u = this.unfinished.get(stream) ?? { timestamp: Date.parse(cursor), parts: [], cursor };
    u.cursor = cursor;
    if (!text.endsWith("\n")) {
      u.parts.push(text);
      this.unfinished.set(stream, u);
      return undefined;
    }
    u.parts.push(text.replace(/\r?\n$/, ""));
    this.unfinished.delete(stream);
    return line(stream, u);
  }
}

const line = (stream: LogStreamName, u: Unfinished): LogLine => ({ stream, timestamp: u.timestamp, message: u.parts.join(""), cursor: u.cursor });

/** Docker's `since` (seconds.nanoseconds) one nanosecond after `time`, an RFC 3339 time with nanoseconds. */
export function sinceAfter(time: string): string {
  const m = /^(.+T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(time);
  if (!m) throw new Error(`not a Docker log time: ${time}`);
  const seconds = Date.parse(`${m[1]}${m[3]}`) / 1000;
  const nanos = Number((m[2] ?? "").padEnd(9, "0")) + 1;
  return nanos === 1e9 ? `${seconds + 1}.000000000` : `${seconds}.${String(nanos).padStart(9, "0")}`;
}

/** Docker's `since` for an epoch time in milliseconds. */
export const sinceMs = (ms: number): string => (ms / 1000).toFixed(3);
