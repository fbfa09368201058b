/**
 * Pure geometry of the metric charts: scales, nice axis bounds and ticks, SVG paths with gaps where
 * data points are missing. No React: unit-tested under apps/console/test.
 */

export interface Point {
  /** Epoch milliseconds. */
  t: number;
  v: number;
}

export type Scale = (x: number) => number;

/** A linear map of [d0, d1] onto [r0, r1]; a zero-width domain maps to the middle of the range. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  const span = d1 - d0;
  if (span === 0) return () => (r0 + r1) / 2;
  return (x) => r0 + ((x - d0) / span) * (r1 - r0);
}

/** The smallest "nice" number (1, 2, 2.5, 5 × 10^n) at or above `x`. */
export function niceCeil(x: number): number {
  if (!(x > 0)) return 0;
  const exp = Math.floor(Math.log10(x));
  const base = 10 ** exp;
  for (const m of [1, 2, 2.5, 5, 10]) {
    const candidate = m * base;
    if (candidate >= x - 1e-9) return Number(candidate.toPrecision(12));
  }
  return 10 * base;
}

/**
 * The y axis top, scaled to the data as CloudWatch's graphs are: a nice bound at or above the largest
 * value (0.8 → 1, 37 → 50, 180 → 200: CPU can exceed 100%), and 100 while there is nothing above 0.
 */
export function percentAxisMax(values: readonly number[]): number {
  const max = values.reduce((m, v) => (Number.isFinite(v) && v > m ? v : m), 0);
  return max <= 0 ? 100 : niceCeil(max);
}

/**
 * Evenly spaced ticks from 0 to `max`; without `count`, as many as keep the steps round for a nice
 * `max` (100 → 25s, 0.5 → 0.1s, 250 → 50s).
 */
export function linearTicks(max: number, count?: number): number[] {
  if (max <= 0) return [0];
  const mantissa = Number((max / 10 ** Math.floor(Math.log10(max))).toPrecision(6));
  const n = count ?? (mantissa === 2.5 || mantissa === 5 ? 5 : 4);
  return Array.from({ length: n + 1 }, (_, i) => Number(((max * i) / n).toPrecision(12)));
}

/** The points with no neighbour within `maxGapMs` (a line through them would not show): drawn as dots. */
export function isolatedPoints(points: readonly Point[], maxGapMs: number): Point[] {
  return points.filter((p, i) => {
    const prev = points[i - 1];
    const next = points[i + 1];
    return (!prev || p.t - prev.t > maxGapMs) && (!next || next.t - p.t > maxGapMs);
  });
}

/** Ticks on whole multiples of `stepMs` inside [start, end]. */
export function timeTicks(start: number, end: number, stepMs: number): number[] {
  if (!(stepMs > 0) || end < start) return [];
  const ticks: number[] = [];
  for (let t = Math.ceil(start / stepMs) * stepMs; t <= end; t += stepMs) ticks.push(t);
  return ticks;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "14:05", in the given offset east of UTC (the browser's by default). */
export function formatTimeTick(ms: number, offsetMinutes?: number): string {
  const d = new Date(ms);
  const offset = offsetMinutes ?? -d.getTimezoneOffset();
  const local = new Date(ms + offset * 60_000);
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/**
 * An SVG path through the points (sorted by time). A gap longer than `maxGapMs` between two points
 * starts a new sub-path, so missing minutes are not drawn as data. A lone point becomes a tiny dash.
 */
export function linePath(points: readonly Point[], x: Scale, y: Scale, maxGapMs = Infinity): string {
  const parts: string[] = [];
  let prev: Point | undefined;
  let runLength = 0;
  const fmt = (n: number) => Number(n.toFixed(2));
  for (const p of points) {
    if (!Number.isFinite(p.v) || !Number.isFinite(p.t)) continue;
    const startNew = !prev || p.t - prev.t > maxGapMs;
    if (startNew && prev && runLength === 1) parts.push(`h0.01`);
    parts.push(`${startNew ? "M" : "L"}${fmt(x(p.t))},${fmt(y(p.v))}`);
    runLength = startNew ? 1 : runLength + 1;
    prev = p;
  }
  if (prev && runLength === 1) parts.push("h0.01");
  return parts.join(" ");
}

/** The last value of a series, for the legend ("Average 12.5%"). */
export const lastValue = (points: readonly Point[]): number | undefined => points.at(-1)?.v;

/** "12.5%", "0%", "-". */
export function formatPercent(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return "-";
  return `${Number(v.toFixed(v >= 10 ? 1 : 2))}%`;
}
