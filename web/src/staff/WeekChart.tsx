import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface WeekSeries {
  label: string;
  /** one value per weekday, Monday first; null for a day still to come */
  values: (number | null)[];
  colour: string;
  dashed?: boolean;
}

/**
 * This week against last week, day by day (uPlot, in a chunk of its own: only the dashboard loads it). Decoration
 * for sighted readers: the caller shows the same numbers in a table.
 */
export default function WeekChart({ days, series }: { days: string[]; series: WeekSeries[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const size = () => ({ width: Math.max(260, element.clientWidth), height: 220 });
    const plot = new uPlot(
      {
        ...size(),
        legend: {
          show: true,
          live: false,
          // last week's lines are dashed: so are their keys
          markers: { width: 3, dash: (_u, i) => (series[i - 1]?.dashed ? 'dashed' : 'solid') },
        },
        cursor: { show: false },
        scales: {
          x: { time: false, range: [-0.3, 6.3] },
          y: { range: (_u, _min, max) => [0, Math.max(4, max)] },
        },
        axes: [
          {
            stroke: '#3d4550',
            splits: () => [0, 1, 2, 3, 4, 5, 6],
            values: (_u, splits) => splits.map((i) => days[i] ?? ''),
          },
          { stroke: '#3d4550', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] },
        ],
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.colour,
            width: 2,
            ...(s.dashed ? { dash: [6, 4] } : {}),
            points: { show: true, size: 6, stroke: s.colour, fill: s.colour },
          })),
        ],
      },
      [[0, 1, 2, 3, 4, 5, 6], ...series.map((s) => s.values)],
      element,
    );
    const watcher = new ResizeObserver(() => plot.setSize(size()));
    watcher.observe(element);
    return () => {
      watcher.disconnect();
      plot.destroy();
    };
  }, [days, series]);
  return <div className="dash-chart" ref={box} aria-hidden="true" />;
}
