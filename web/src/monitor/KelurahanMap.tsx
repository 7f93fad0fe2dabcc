import { geoMercator, geoPath } from 'd3-geo';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export type Boundaries = FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }>;

const WIDTH = 800;
const HEIGHT = 640;
/** Five steps from light to dark (sequential, colour-blind safe: ColorBrewer "Oranges"), 0 in neutral grey. */
const STEPS = ['#fdd0a2', '#fdae6b', '#f16913', '#d94801', '#8c2d04'];
const ZERO = '#eef0f3';

function stepOf(value: number, max: number): number {
  if (value <= 0 || max <= 0) return -1;
  return Math.min(STEPS.length - 1, Math.floor((value / max) * STEPS.length - 1e-9));
}

/** The steps some count 1…max falls in, each with its range: with few reports, fewer steps (never "≤ 1" five times). */
export function legendSteps(max: number): { step: number; from: number; to: number }[] {
  const steps: { step: number; from: number; to: number }[] = [];
  for (let value = 1; value <= max; value++) {
    const step = stepOf(value, max);
    const last = steps.at(-1);
    if (last?.step === step) last.to = value;
    else steps.push({ step, from: value, to: value });
  }
  return steps;
}

/**
 * The kelurahan shaded by a count (open reports, or those past their SLA): an SVG projected with d3-geo, no tiles.
 * Each area names itself (title) for a pointer; the highest are listed in text beside the legend.
 */
export function KelurahanMap({
  boundaries,
  values,
  what,
}: {
  boundaries: Boundaries;
  values: Map<string, number>;
  what: string;
}) {
  const { t } = useTranslation();
  // the mainland only frames the map; Kepulauan Seribu's islands lie far to the north
  const paths = useMemo(() => {
    const mainland = {
      ...boundaries,
      features: boundaries.features.filter((f) => !f.properties.code.startsWith('31.01')),
    };
    const projection = geoMercator().fitSize([WIDTH, HEIGHT], mainland);
    const path = geoPath(projection);
    return mainland.features.map((f) => ({
      code: f.properties.code,
      name: f.properties.name,
      d: path(f) ?? '',
    }));
  }, [boundaries]);
  const max = Math.max(0, ...values.values());
  const top = [...values]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([code, v]) => ({
      name: boundaries.features.find((f) => f.properties.code === code)?.properties.name ?? code,
      v,
    }));
  const topText = top.map((x) => `${x.name} (${x.v})`).join(', ') || '—';
  return (
    <div className="mon-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('map.label', { what, top: topText })}>
        {paths.map((p) => {
          const value = values.get(p.code) ?? 0;
          const step = stepOf(value, max);
          return (
            <path
              key={p.code}
              d={p.d}
              fill={step < 0 ? ZERO : STEPS[step]}
              stroke="#ffffff"
              strokeWidth={0.6}
            >
              <title>{`${p.name}: ${value}`}</title>
            </path>
          );
        })}
      </svg>
      <div className="mon-map-side">
        <p className="mon-small">{t('map.legend')}:</p>
        <ol className="mon-legend" aria-hidden="true">
          <li>
            <span className="mon-swatch" style={{ background: ZERO }} /> 0
          </li>
          {legendSteps(max).map(({ step, from, to }) => (
            <li key={step}>
              <span className="mon-swatch" style={{ background: STEPS[step] }} />
              {from === to ? from : `${from}–${to}`}
            </li>
          ))}
        </ol>
        <p className="mon-small">{t('map.top')}:</p>
        <ol className="mon-top">
          {top.map((x) => (
            <li key={x.name}>
              {x.name} <strong>{x.v}</strong>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
