import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLive } from '../monitor/live';
import { Button } from '../ui';
import { type Me, readUnitFigures, type UnitFigures } from './api';
import { DailyFigures, Ranking, StatusCounts, WeekTable } from './DashboardParts';
import { LoadFailed } from './errors';
import { currentLanguage } from './i18n';
import { UnitChooser } from './UnitChooser';

/** A burst of changes (a batch of reports, a sweep) reloads the figures once, this long after the first. */
const RELOAD_AFTER_CHANGE_MS = 1500;

function unitInAddress(): string | null {
  return new URLSearchParams(window.location.search).get('unit');
}

/**
 * The unit dashboard (GET /api/v1/kpi/unit, read from the rollups): reports held now per status, this week against
 * last week, medians, SLA compliance, the ranking among units of the same kind. An officer sees their own unit;
 * administrators and verifiers may choose any (?unit= in the address, so a view can be shared). The figures follow
 * the unit's changes live (GET /api/v1/live) and keep showing while they reload.
 */
export function Dashboard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const mayChoose = me.permissions.includes('monitor.city');
  const [unit, setUnit] = useState<string | null>(() => (mayChoose ? unitInAddress() : null));
  const [figures, setFigures] = useState<UnitFigures | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const latest = useRef(0);
  const pending = useRef<number | undefined>(undefined);

  const load = useCallback(() => {
    const round = ++latest.current;
    readUnitFigures(unit).then(
      (value) => {
        if (round !== latest.current) return;
        setFigures(value);
        setFailure(null);
        setUpdatedAt(new Date());
      },
      (error: unknown) => round === latest.current && setFailure(error),
    );
  }, [unit]);
  useEffect(() => {
    setFigures(null);
    load();
    const every = window.setInterval(load, 60_000);
    return () => window.clearInterval(every);
  }, [load]);
  useEffect(() => () => window.clearTimeout(pending.current), []);
  const reloadSoon = useCallback(() => {
    if (pending.current !== undefined) return;
    pending.current = window.setTimeout(() => {
      pending.current = undefined;
      load();
    }, RELOAD_AFTER_CHANGE_MS);
  }, [load]);
  useLive(reloadSoon, reloadSoon);

  const choose = (next: string | null) => {
    setUnit(next);
    const address = next ? `?unit=${encodeURIComponent(next)}` : '';
    window.history.replaceState(null, '', `${window.location.pathname}${address}`);
  };

  const name = figures?.unit.name ?? me.unit?.name ?? me.user.unitId;
  return (
    <section aria-labelledby="dash-title" className="dash">
      <div className="dash-head">
        <h1 id="dash-title">{t('dashboard.title', { unit: name })}</h1>
        <div className="dash-head__end">
          <p className="dash-updated" role="status">
            {updatedAt
              ? t('dashboard.updated', {
                  time: updatedAt.toLocaleTimeString(currentLanguage() === 'en' ? 'en-GB' : 'id-ID', {
                    timeZone: 'Asia/Jakarta',
                    hour: '2-digit',
                    minute: '2-digit',
                  }),
                })
              : t('app.loading')}
          </p>
          <Button variant="secondary" onClick={load}>
            {t('dashboard.reload')}
          </Button>
        </div>
      </div>
      <p className="dash-intro">{t('dashboard.intro')}</p>
      {mayChoose && <UnitChooser shown={unit ?? me.user.unitId} own={me.user.unitId} onChoose={choose} />}
      {failure !== null && <LoadFailed error={failure} retry={load} />}
      {figures && (
        <div className="dash-grid">
          <StatusCounts counts={figures.statusCounts} />
          <WeekTable figures={figures} />
          <DailyFigures daily={figures.daily} />
          <Ranking figures={figures} />
        </div>
      )}
    </section>
  );
}
