/**
 * Reproducible mode, for screenshots and tests that compare pages (README "Reproducible screenshots"):
 * with a seed (STEVEDORE_SEED), resource identifiers come from the seed instead of the system's random
 * source, one stream per kind of identifier (tasks, instances, events, ...), so what one kind makes does
 * not shift another's; with a start instant (STEVEDORE_CLOCK_START), the process's clock starts there
 * and advances in real time, so ageing, health checks and lifecycle rules still work. Signature checks
 * keep the real time (realNow), as clients sign with it. Secrets (keys, tokens, passwords) never come
 * from the seed.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";

const RealDate = Date;
/** The real time, whatever the clock says (signature checks). */
export const realNow = () => RealDate.now();

let seed: string | undefined;
const counters = new Map<string, number>();

export function useSeed(value: string | undefined): void {
  seed = value;
  counters.clear();
}

export const seeded = () => seed !== undefined;

function next(kind: string): number {
  const n = counters.get(kind) ?? 0;
  counters.set(kind, n + 1);
  return n;
}

/** `n` bytes for an identifier of `kind`: random, or the seed's next ones for that kind. */
export function idBytes(kind: string, n: number): Buffer {
  if (seed === undefined) return randomBytes(n);
  const count = next(kind);
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 32 < n; i++) blocks.push(createHash("sha256").update(`${seed}\0${kind}\0${count}\0${i}`).digest());
  return Buffer.concat(blocks).subarray(0, n);
}

/** A version 4 UUID, from the seed when there is one. */
export function idUuid(kind: string): string {
  if (seed === undefined) return randomUUID();
  const b = idBytes(kind, 16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A 32-bit seed for placement's random strategy: the same placements in every run with a seed. */
export const placementSeed = () => idBytes("placement", 4).readUInt32LE();

/** The milliseconds part of an identifier that sorts by creation time: the seed's own sequence, so it is the same in every run. */
export function idMillis(kind: string, now: number): number {
  return seed === undefined ? now : clockStart + next(`${kind}-ms`);
}

let clockStart = 0;

/**
 * The process's clock starts at `start` and runs on: `Date.now()` and `new Date()` answer the real time
 * shifted by a fixed offset. Dates made otherwise (from a timestamp or text) are untouched.
 */
export function startClockAt(start: Date): void {
  const offset = start.getTime() - RealDate.now();
  clockStart = start.getTime();
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [string]));
    }
    static override now(): number {
      return RealDate.now() + offset;
    }
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof RealDate;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
}

/** Back to the real clock (a test server's close). */
export function restoreClock(): void {
  globalThis.Date = RealDate;
  clockStart = 0;
}
