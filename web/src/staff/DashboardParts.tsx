import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATUS_LABELS } from '../../../server/src/domain/statuses';
import { Button, StatusBadge } from '../ui';
import { colourOf } from '../ui/status';
import type { UnitFigures } from './api';
import { change, count, duration, percent, shortDay, weekdayNames } from './figures-format';
import { currentLanguage } from './i18n';

const WeekChart = lazy(() => import('./WeekChart'));

type Period = UnitFigures['thisWeek'];
type Status = UnitFigures['statusCounts'][number]['status'];
/** The two long official names shortened as the queue's filter does, so that ten tiles fit one row. */
const SHORT: Partial<Record<Status, { id: string; en: string }>> = {
  ews: { id: 'EWS', en: 'Extended' },
  menunggu_validasi: { id: 'Menunggu validasi', en: 'Awaiting verification' },
};
const nameOf = (status: Status) => SHORT[status] ?? STATUS_LABELS[status];

/** Reports the unit holds now, per status, in the official colours; the mix as one bar (its numbers are here too). */
export function StatusCounts({ counts }: { counts: UnitFigures['statusCounts'] }) {
  const { t } = useTranslation();
  const total = counts.reduce((sum, c) => sum + c.reports, 0);
  const open = counts
    .filter((c) => ['menunggu', 'koordinasi', 'disposisi', 'proses', 'ews'].includes(c.status))
    .reduce((sum, c) => sum + c.reports, 0);
  return (
    <section className="dash-panel dash-status" aria-labelledby="dash-status-title">
      <h2 id="dash-status-title">{t('dashboard.statusTitle')}</h2>
      {total === 0 ? (
        <p className="dash-empty">{t('dashboard.statusEmpty')}</p>
      ) : (
        <>
          <p className="dash-lead" data-testid="dash-total">
            {t('dashboard.statusTotal', { total: count(total), open: count(open) })}
          </p>
          <div className="dash-mix" aria-hidden="true">
            {counts
              .filter((c) => c.reports > 0)
              .map((c) => (
                <span
                  key={c.status}
                  className={`dash-mix__part dash-mix--${colourOf(c.status)}`}
                  style={{ flexGrow: c.reports }}
                />
              ))}
          </div>
        </>
      )}
      <ul className="dash-statuses">
        {counts.map((c) => (
          <li key={c.status} className={`dash-stat dash-stat--${colourOf(c.status)}`} data-status={c.status}>
            {/* the official Indonesian name on the badge; an English reader gets the English under it */}
            <StatusBadge code={c.status} label={nameOf(c.status).id} />
            {currentLanguage() === 'en' && nameOf(c.status).en !== nameOf(c.status).id && (
              <span className="dash-stat__en">{nameOf(c.status).en}</span>
            )}
            <span className="dash-stat__n">{count(c.reports)}</span>
            <span className="dash-stat__sub">
              {c.breached > 0 ? t('dashboard.breachedN', { n: count(c.breached) }) : '\u00a0'}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface Row {
  key: string;
  label: string;
  value: (p: Period) => number | null;
  show: (v: number | null) => string;
  kind: 'count' | 'share' | 'duration';
}

/** This week and last week (to the same weekday) with the change, and the last 30 days: one table. */
export function WeekTable({ figures }: { figures: UnitFigures }) {
  const { t } = useTranslation();
  const rows: Row[] = (
    [
      { key: 'received', value: (p) => p.received, show: (v) => count(v ?? 0), kind: 'count' },
      { key: 'resolved', value: (p) => p.resolved, show: (v) => count(v ?? 0), kind: 'count' },
      { key: 'slaCompliance', value: (p) => p.slaCompliance, show: percent, kind: 'share' },
      { key: 'responseCompliance', value: (p) => p.responseCompliance, show: percent, kind: 'share' },
      { key: 'medianRespond', value: (p) => p.medianRespondSeconds, show: duration, kind: 'duration' },
      { key: 'medianResolve', value: (p) => p.medianResolveSeconds, show: duration, kind: 'duration' },
      { key: 'solvedShare', value: (p) => p.solvedShare, show: percent, kind: 'share' },
      { key: 'breached', value: (p) => p.breached, show: (v) => count(v ?? 0), kind: 'count' },
    ] satisfies Omit<Row, 'label'>[]
  ).map((r) => ({ ...r, label: t(`dashboard.rows.${r.key}`) }));
  const { daily } = figures;
  const thisMonday = daily[7]?.day ?? '';
  const today = daily[daily.length - 1]?.day ?? '';
  const sameDayLastWeek = daily[daily.length - 8]?.day ?? '';
  return (
    <section className="dash-panel dash-week" aria-labelledby="dash-week-title">
      <h2 id="dash-week-title">{t('dashboard.weekTitle')}</h2>
      <div className="staff-table-wrap" tabIndex={0} role="region" aria-labelledby="dash-week-title">
        <table className="dash-table" data-testid="dash-week-table">
          <caption className="dash-caption">
            {t('dashboard.weekCaption', {
              from: shortDay(thisMonday),
              to: shortDay(today),
              lastFrom: shortDay(daily[0]?.day ?? ''),
              lastTo: shortDay(sameDayLastWeek),
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.measure')}</th>
              <th scope="col" className="staff-num">
                {t('dashboard.thisWeek')}
              </th>
              <th scope="col" className="staff-num">
                {t('dashboard.lastWeek')}
              </th>
              <th scope="col">{t('dashboard.change')}</th>
              <th scope="col" className="staff-num">
                {t('dashboard.last30')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const now = row.value(figures.thisWeek);
              const before = row.value(figures.lastWeek);
              return (
                <tr key={row.key} data-row={row.key}>
                  <th scope="row">{row.label}</th>
                  <td className="staff-num" data-period="thisWeek">
                    {row.show(now)}
                  </td>
                  <td className="staff-num" data-period="lastWeek">
                    {row.show(before)}
                  </td>
                  <td>{change(now, before, row.kind)}</td>
                  <td className="staff-num" data-period="last30Days">
                    {row.show(row.value(figures.last30Days))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="dash-note">{t('dashboard.weekNote')}</p>
    </section>
  );
}

/** Received and completed per day, this week against last week: a chart, and the same numbers as a table. */
export function DailyFigures({ daily }: { daily: UnitFigures['daily'] }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const names = weekdayNames();
  const lastWeek = daily.slice(0, 7);
  const thisWeek = daily.slice(7);
  const values = (days: typeof daily, what: 'received' | 'resolved') =>
    Array.from({ length: 7 }, (_, i) => (days[i] ? days[i][what] : null));
  const series = [
    { label: t('dashboard.receivedThis'), values: values(thisWeek, 'received'), colour: '#0072b2' },
    {
      label: t('dashboard.receivedLast'),
      values: values(lastWeek, 'received'),
      colour: '#0072b2',
      dashed: true,
    },
    { label: t('dashboard.resolvedThis'), values: values(thisWeek, 'resolved'), colour: '#009e73' },
    {
      label: t('dashboard.resolvedLast'),
      values: values(lastWeek, 'resolved'),
      colour: '#009e73',
      dashed: true,
    },
  ];
  const cell = (v: number | null) => (v === null ? '—' : count(v));
  return (
    <section className="dash-panel dash-daily" aria-labelledby="dash-daily-title">
      <h2 id="dash-daily-title">{t('dashboard.dailyTitle')}</h2>
      <Suspense fallback={<div className="dash-chart" aria-hidden="true" />}>
        <WeekChart days={names} series={series} />
      </Suspense>
      {/* the chart's numbers: always there for screen readers, shown on request to everyone else */}
      <Button
        variant="secondary"
        className="dash-toggle"
        aria-expanded={shown}
        aria-controls="dash-daily-table"
        onClick={() => setShown((s) => !s)}
      >
        {t(shown ? 'dashboard.dailyHide' : 'dashboard.dailyShow')}
      </Button>
      {/* focusable when shown: a narrow screen scrolls it sideways, and a keyboard must be able to */}
      <div
        id="dash-daily-table"
        className={shown ? 'staff-table-wrap' : 'visually-hidden'}
        {...(shown ? { tabIndex: 0, role: 'region', 'aria-label': t('dashboard.dailyTitle') } : {})}
      >
        <table className="dash-table" data-testid="dash-daily-table">
          <caption className="visually-hidden">{t('dashboard.dailyTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.day')}</th>
              {series.map((s) => (
                <th scope="col" className="staff-num" key={s.label}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {names.map((name, i) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                {series.map((s) => (
                  <td className="staff-num" key={s.label}>
                    {cell(s.values[i] ?? null)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Where the unit stands among units of its kind over 30 days; the rows around it. */
export function Ranking({ figures }: { figures: UnitFigures }) {
  const { t } = useTranslation();
  const { ranking, unit } = figures;
  const kinds = t(`kinds.${unit.kind}`, { defaultValue: unit.kind });
  const ownIndex = ranking.peers.findIndex((p) => p.code === unit.id);
  const first = ranking.position !== null && ownIndex >= 0 ? ranking.position - ownIndex : 1;
  return (
    <section className="dash-panel dash-rank" aria-labelledby="dash-rank-title">
      <h2 id="dash-rank-title">{t('dashboard.rankTitle', { kinds })}</h2>
      <p className="dash-lead" data-testid="dash-rank">
        {ranking.position === null
          ? t('dashboard.rankNone', { kinds })
          : t('dashboard.rankLine', { position: ranking.position, of: ranking.of, kinds })}
      </p>
      {ranking.peers.length > 0 && (
        <div className="staff-table-wrap" tabIndex={0} role="region" aria-labelledby="dash-rank-title">
          <table className="dash-table">
            <caption className="visually-hidden">{t('dashboard.rankTitle', { kinds })}</caption>
            <thead>
              <tr>
                <th scope="col" className="staff-num">
                  #
                </th>
                <th scope="col">{t('dashboard.unit')}</th>
                <th scope="col" className="staff-num">
                  {t('dashboard.rankSla')}
                </th>
                <th scope="col" className="staff-num">
                  {t('dashboard.rankSolved')}
                </th>
                <th scope="col" className="staff-num">
                  {t('dashboard.rankReceived')}
                </th>
              </tr>
            </thead>
            <tbody>
              {ranking.peers.map((p, i) => (
                <tr key={p.code} className={p.code === unit.id ? 'dash-own' : undefined}>
                  <td className="staff-num">{first + i}</td>
                  <th scope="row">
                    {p.name}
                    {p.code === unit.id && (
                      <span className="staff-tag dash-you">{t('dashboard.thisUnit')}</span>
                    )}
                  </th>
                  <td className="staff-num">{percent(p.slaCompliance)}</td>
                  <td className="staff-num">{percent(p.solvedShare)}</td>
                  <td className="staff-num">{count(p.received)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="dash-note">{t('dashboard.rankHow')}</p>
    </section>
  );
}
