import { useId } from 'react';
import { useIntl } from 'react-intl';
import { useTheme } from 'styled-components';
import type { BatchTimeline } from '../../../shared/contracts/campaigns';
import {
  linePath,
  sliceTimeFormat,
  xTickIndexes,
  yTicks,
  type ChartSeries,
} from '../utils/sendRateChart';

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 20, bottom: 44, left: 60 };
/** Up to this many slices each point is marked too (a lone slice is then still visible). */
const MARKED_POINTS = 40;

interface SendRateSvgProps {
  timeline: BatchTimeline;
  series: ChartSeries[];
  title: string;
  description: string;
  xLabel: string;
  yLabel: string;
}

/**
 * The chart itself: one solid line (sent) and, when it failed any, one dashed line (failed) per account, in
 * theme colours, over time slices. An image to assistive technology, named by its title and description;
 * the numbers are in the table next to it.
 */
const SendRateSvg = ({
  timeline,
  series,
  title,
  description,
  xLabel,
  yLabel,
}: SendRateSvgProps) => {
  const theme = useTheme();
  const { formatDate, formatNumber } = useIntl();
  const id = useId();
  const slices = timeline.buckets.length;
  const max = Math.max(0, ...series.flatMap((line) => [...line.sent, ...line.failed]));
  const ticks = yTicks(max);
  const top = ticks[ticks.length - 1];
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const bottom = MARGIN.top + plotHeight;
  const x = (index: number) =>
    MARGIN.left + (slices === 1 ? plotWidth / 2 : (index * plotWidth) / (slices - 1));
  const y = (value: number) => bottom - (value / top) * plotHeight;
  const timeFormat = sliceTimeFormat(timeline.bucketSeconds);
  const small = { fontSize: 11, fill: theme.colors.neutral600 };

  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      style={{ maxHeight: 340, display: 'block' }}
      data-testid="campaign-send-chart"
      data-slices={slices}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {ticks.map((tick) => (
        <g key={`y${tick}`}>
          <line
            x1={MARGIN.left}
            x2={WIDTH - MARGIN.right}
            y1={y(tick)}
            y2={y(tick)}
            stroke={theme.colors.neutral200}
          />
          <text
            x={MARGIN.left - 8}
            y={y(tick)}
            textAnchor="end"
            dominantBaseline="middle"
            {...small}
          >
            {formatNumber(tick)}
          </text>
        </g>
      ))}
      {xTickIndexes(slices).map((index) => (
        <g key={`x${index}`} data-testid="campaign-chart-time">
          <line
            x1={x(index)}
            x2={x(index)}
            y1={bottom}
            y2={bottom + 4}
            stroke={theme.colors.neutral500}
          />
          <text x={x(index)} y={bottom + 17} textAnchor="middle" {...small}>
            {formatDate(timeline.buckets[index].start, timeFormat)}
          </text>
        </g>
      ))}
      <text x={MARGIN.left + plotWidth / 2} y={HEIGHT - 6} textAnchor="middle" {...small}>
        {xLabel}
      </text>
      <text
        transform={`translate(14 ${MARGIN.top + plotHeight / 2}) rotate(-90)`}
        textAnchor="middle"
        {...small}
      >
        {yLabel}
      </text>
      {series.map((line) => {
        const stroke = theme.colors[line.color];
        return (
          <g key={line.key} data-account-id={line.accountId ?? 'provider'}>
            <path
              d={linePath(line.sent, x, y)}
              fill="none"
              stroke={stroke}
              strokeWidth={2}
              strokeLinejoin="round"
              data-series="sent"
            />
            {line.total.failed > 0 ? (
              <path
                d={linePath(line.failed, x, y)}
                fill="none"
                stroke={stroke}
                strokeWidth={2}
                strokeDasharray="6 4"
                data-series="failed"
              />
            ) : null}
            {slices <= MARKED_POINTS
              ? line.sent.map((value, index) => (
                  <circle key={index} cx={x(index)} cy={y(value)} r={2.5} fill={stroke} />
                ))
              : null}
          </g>
        );
      })}
    </svg>
  );
};

export { SendRateSvg };
