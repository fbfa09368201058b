/** A line chart of one utilization metric (average, minimum, maximum) over the last hour, in plain SVG. */
import { useId } from "react";
import { Container } from "../../components/Container.tsx";
import type { Datapoint } from "../../api/cloudwatch.ts";
import {
  formatPercent,
  formatTimeTick,
  isolatedPoints,
  lastValue,
  linearScale,
  linearTicks,
  linePath,
  percentAxisMax,
  timeTicks,
  type Point,
} from "./chart.ts";

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 24, bottom: 28, left: 48 };
const TEN_MINUTES = 10 * 60_000;

const SERIES = [
  { key: "maximum", label: "Maximum", color: "#c33d69" },
  { key: "average", label: "Average", color: "#0972d3" },
  { key: "minimum", label: "Minimum", color: "#037f0c" },
] as const;

export function MetricChart({
  title,
  start,
  end,
  datapoints,
  periodSeconds,
  unavailable,
  loading,
  error,
}: {
  title: string;
  start: number;
  end: number;
  datapoints: readonly Datapoint[];
  periodSeconds: number;
  /** The server has no CloudWatch metrics yet. */
  unavailable?: boolean;
  loading?: boolean;
  error?: Error | null;
}) {
  const clipId = useId();
  const series = SERIES.map((s) => ({
    ...s,
    points: datapoints.filter((d) => d[s.key] !== undefined).map((d): Point => ({ t: d.timestamp, v: d[s.key]! })),
  }));
  const values = series.flatMap((s) => s.points.map((p) => p.v));
  const yMax = percentAxisMax(values);
  const x = linearScale([start, end], [MARGIN.left, WIDTH - MARGIN.right]);
  const y = linearScale([0, yMax], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const hasData = values.length > 0;
  const maxGap = periodSeconds * 1000 * 1.5;
  const summary = hasData
    ? `${title}, last hour: ${series.map((s) => `${s.label.toLowerCase()} ${formatPercent(lastValue(s.points))}`).join(", ")} at the latest minute.`
    : `${title}, last hour: no data.`;
  const noDataText = loading ? "Loading" : "No data";

  return (
    <Container
      title={title}
      headingLevel={3}
      description={
        unavailable
          ? "CloudWatch metrics are not available from this server yet."
          : "Percent. Average, minimum and maximum of the service's tasks per minute, last hour."
      }
    >
      {error && !unavailable && <div className="mb-2 text-sm text-aws-red">Failed to load metrics: {error.message}</div>}
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} className="h-auto w-full" preserveAspectRatio="xMidYMid meet">
        <defs>
          <clipPath id={clipId}>
            <rect x={MARGIN.left} y={MARGIN.top - 2} width={WIDTH - MARGIN.left - MARGIN.right} height={HEIGHT - MARGIN.top - MARGIN.bottom + 4} />
          </clipPath>
        </defs>
        {linearTicks(yMax).map((tick) => (
          <g key={`y${tick}`}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke={tick === 0 ? "#8c8c94" : "#e9ebed"} />
            <text x={MARGIN.left - 6} y={y(tick)} textAnchor="end" dominantBaseline="middle" fontSize="11" fill="#5f6b7a">
              {tick}%
            </text>
          </g>
        ))}
        {timeTicks(start, end, TEN_MINUTES).map((tick) => (
          <g key={`x${tick}`}>
            <line x1={x(tick)} x2={x(tick)} y1={HEIGHT - MARGIN.bottom} y2={HEIGHT - MARGIN.bottom + 4} stroke="#8c8c94" />
            <text x={x(tick)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle" fontSize="11" fill="#5f6b7a">
              {formatTimeTick(tick)}
            </text>
          </g>
        ))}
        {hasData ? (
          <g clipPath={`url(#${clipId})`}>
            {series.map((s) => (
              <g key={s.key}>
                <path
                  d={linePath(s.points, x, y, maxGap)}
                  fill="none"
                  stroke={s.color}
                  strokeWidth={s.key === "average" ? 2 : 1.5}
                  strokeDasharray={s.key === "average" ? undefined : "4 3"}
                  strokeLinecap="round"
                  strokeLinejoin="round"
                />
                {isolatedPoints(s.points, maxGap).map((p) => (
                  <circle key={p.t} cx={x(p.t)} cy={y(p.v)} r={2.5} fill={s.color} />
                ))}
              </g>
            ))}
          </g>
        ) : (
          <text x={(MARGIN.left + WIDTH - MARGIN.right) / 2} y={(MARGIN.top + HEIGHT - MARGIN.bottom) / 2} textAnchor="middle" fontSize="14" fontWeight="bold" fill="#5f6b7a">
            {noDataText}
          </text>
        )}
      </svg>
      <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm" aria-label={`${title} legend`}>
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-2">
            <svg width="20" height="6" aria-hidden="true">
              <line x1="0" x2="20" y1="3" y2="3" stroke={s.color} strokeWidth="2" strokeDasharray={s.key === "average" ? undefined : "4 3"} />
            </svg>
            <span>
              {s.label} <span className="text-aws-muted">{formatPercent(lastValue(s.points))}</span>
            </span>
          </li>
        ))}
      </ul>
    </Container>
  );
}
