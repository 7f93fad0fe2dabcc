import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import { cityDayMonth } from '../city-time';
import { currentLanguage } from './i18n';
import 'uplot/dist/uPlot.min.css';

/** Distinct on white and for common colour-blindness (Okabe–Ito). */
export const SERIES_COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'];

/**
 * Reports per day for a few categories, as lines (uPlot: small, fast, canvas). The same numbers are in the table
 * the caller shows for screen readers.
 */
export function TrendChart({
  days,
  series,
  label,
}: {
  days: string[];
  series: { name: string; received: number[] }[];
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useTranslation(); // drawn again when the language changes
  const lang = currentLanguage();
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const width = Math.max(280, element.clientWidth);
    // room below the plot for the legend (two lines)
    const height = Math.max(140, (element.clientHeight || 240) - 56);
    const x = days.map((d) => Date.parse(`${d}T00:00:00+07:00`) / 1000);
    const plot = new uPlot(
      {
        width,
        height,
        legend: { show: true, live: false },
        cursor: { show: false },
        scales: { x: { time: true } },
        axes: [
          // uPlot writes days the American way (11/24); the city reads "24 Nov"
          {
            stroke: '#3d4550',
            values: (_, splits) => splits.map((seconds) => cityDayMonth(seconds, lang)),
          },
          { stroke: '#3d4550' },
        ],
        series: [{}, ...series.map((s, i) => ({ label: s.name, stroke: SERIES_COLOURS[i % 6], width: 2 }))],
      },
      [x, ...series.map((s) => s.received)],
      element,
    );
    return () => plot.destroy();
  }, [days, series, lang]);
  return <div className="mon-trend" ref={box} role="img" aria-label={label} />;
}
