import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Bilingual } from '../api/client';
import { cityDay } from '../city-time';
import { Button, Notice, StatusBadge } from '../ui';
import { type Boundaries, KelurahanMap } from './KelurahanMap';
import { type CityFigures, type LiveItem, useLive } from './live';
import { TrendChart } from './TrendChart';
import { count, currentLanguage, pick } from './i18n';

type Access = 'checking' | 'signed-out' | 'forbidden' | 'ok';
type Period = CityFigures['todayFigures'];

const RELOAD_AFTER_CHANGE_MS = 2000;
const FEED_LENGTH = 12;

function useDuration() {
  const { t } = useTranslation();
  return (seconds: number | null) => {
    if (seconds === null) return t('kpi.none');
    if (seconds < 3600) return t('duration.minutes', { n: Math.round(seconds / 60) });
    if (seconds < 2 * 86_400) return t('duration.hours', { n: (seconds / 3600).toFixed(1) });
    return t('duration.days', { n: (seconds / 86_400).toFixed(1) });
  };
}

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

function Tiles({ title, figures }: { title: string; figures: Period }) {
  const { t } = useTranslation();
  const duration = useDuration();
  return (
    <section className="mon-tiles" aria-label={title}>
      <h2>{title}</h2>
      <dl>
        <div>
          <dt>{t('kpi.received')}</dt>
          <dd>{count(figures.received)}</dd>
        </div>
        <div>
          <dt>{t('kpi.resolved')}</dt>
          <dd>{count(figures.resolved)}</dd>
        </div>
        <div>
          <dt>{t('kpi.solved')}</dt>
          <dd>{percent(figures.solvedShare)}</dd>
        </div>
        <div>
          <dt>{t('kpi.median')}</dt>
          <dd>{duration(figures.medianResolveSeconds)}</dd>
        </div>
        <div>
          <dt>{t('kpi.sla')}</dt>
          <dd>{percent(figures.slaCompliance)}</dd>
        </div>
      </dl>
    </section>
  );
}

function League({
  title,
  rows,
  area,
}: {
  title: string;
  rows: CityFigures['kotaLeague'];
  area: 'kota' | 'units';
}) {
  const { t } = useTranslation();
  return (
    // a long table scrolls inside its panel: focusable, so a keyboard can scroll it too
    <section
      className={`mon-panel mon-league mon-area-${area}`}
      tabIndex={0}
      aria-labelledby={`league-${area}`}
    >
      <h2 id={`league-${area}`}>{title}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('league.name')}</th>
            <th scope="col">{t('league.received')}</th>
            <th scope="col">{t('league.solved')}</th>
            <th scope="col">{t('league.sla')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.code}>
              <td>{i + 1}</td>
              <th scope="row">{row.name.replace(/^(Kota|Kabupaten) Administrasi /, '')}</th>
              <td>{count(row.received)}</td>
              <td>{percent(row.solvedShare)}</td>
              <td>{percent(row.slaCompliance)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Channels({ channels }: { channels: CityFigures['channels'] }) {
  const { t } = useTranslation();
  // every channel is in the figures; the wall shows those with something to say
  const shown = channels.filter((c) => c.received > 0 || c.failedSends > 0);
  const max = Math.max(1, ...shown.map((c) => c.received));
  return (
    <section className="mon-panel mon-area-channels">
      <h2>{t('channels.title')}</h2>
      <ul className="mon-bars" aria-label={t('channels.label')}>
        {shown.map((c) => (
          <li key={c.channel}>
            <span className="mon-bar-label">{c.name ? pick(c.name) : c.channel}</span>
            <span className="mon-bar-track">
              <span className="mon-bar" style={{ width: `${(100 * c.received) / max}%` }} />
            </span>
            <span className="mon-bar-value">{count(c.received)}</span>
            {c.averageMinutesToFirstReply !== null || c.failedSends > 0 ? (
              <span className="mon-bar-note">
                {[
                  c.averageMinutesToFirstReply !== null
                    ? t('channels.firstReply', { minutes: Math.round(c.averageMinutesToFirstReply) })
                    : null,
                  c.failedSends > 0 ? t('channels.failed', { count: c.failedSends }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

type CategoryNames = Map<string, Bilingual>;

function Feed({
  items,
  places,
  categories,
}: {
  items: LiveItem[];
  places: Map<string, string>;
  categories: CategoryNames;
}) {
  const { t } = useTranslation();
  return (
    <section className="mon-panel mon-feed" aria-labelledby="mon-feed-title">
      <h2 id="mon-feed-title">{t('feed.title')}</h2>
      {items.length === 0 ? <p className="mon-small">{t('feed.empty')}</p> : null}
      <ol aria-live="polite">
        {items.map((item) => (
          <li key={item.id} data-ticket={item.ticket}>
            <StatusBadge code={item.status} label={t(`status.${item.status}`)} />{' '}
            <strong>{item.ticket}</strong> <span className="mon-small">{t(`feed.${item.kind}`)}</span>
            <br />
            <span className="mon-small">
              {categories.has(item.category) ? pick(categories.get(item.category)!) : item.category} ·{' '}
              {item.kelurahan ? (places.get(item.kelurahan) ?? item.kelurahan) : '—'} ·{' '}
              {new Date(item.at).toLocaleTimeString('id-ID', {
                timeZone: 'Asia/Jakarta',
                hour: '2-digit',
                minute: '2-digit',
              })}{' '}
              WIB
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function Monitor() {
  const { t, i18n } = useTranslation();
  const [access, setAccess] = useState<Access>('checking');
  const [figures, setFigures] = useState<CityFigures | null>(null);
  const [failed, setFailed] = useState(false);
  const [boundaries, setBoundaries] = useState<Boundaries | null>(null);
  const [categories, setCategories] = useState<CategoryNames>(new Map());
  const [shade, setShade] = useState<'open' | 'breached'>('open');
  const [feed, setFeed] = useState<LiveItem[]>([]);
  const reloadTimer = useRef<number | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      const answer = await fetch('/api/v1/kpi/city', { credentials: 'same-origin' });
      if (answer.status === 401) return setAccess('signed-out');
      if (answer.status === 403) return setAccess('forbidden');
      if (!answer.ok) throw new Error(String(answer.status));
      setFigures((await answer.json()) as CityFigures);
      setAccess('ok');
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, []);
  const reloadSoon = useCallback(() => {
    window.clearTimeout(reloadTimer.current);
    reloadTimer.current = window.setTimeout(() => void load(), RELOAD_AFTER_CHANGE_MS);
  }, [load]);

  useEffect(() => {
    void load();
    const every = window.setInterval(() => void load(), 60_000);
    return () => window.clearInterval(every);
  }, [load]);
  useEffect(() => {
    if (access !== 'ok' || boundaries) return;
    void fetch('/api/v1/regions/boundaries?level=kelurahan')
      .then((r) => (r.ok ? (r.json() as Promise<Boundaries>) : null))
      .then((b) => b && setBoundaries(b))
      .catch(() => {});
  }, [access, boundaries]);
  useEffect(() => {
    if (access !== 'ok') return;
    api
      .GET('/api/v1/categories')
      .then(({ data }) => data && setCategories(new Map(data.items.map((c) => [c.code, c.name]))))
      .catch(() => {});
  }, [access]);

  const connection = useLive(
    (item) => {
      if (item.kind === 'created' || item.kind === 'completed' || item.kind === 'status_changed')
        setFeed((items) => [item, ...items.filter((i) => i.id !== item.id)].slice(0, FEED_LENGTH));
      reloadSoon();
    },
    () => reloadSoon(),
  );

  const languageSwitch = (
    <Button
      variant="secondary"
      className="mon-lang"
      lang={i18n.language === 'en' ? 'id' : 'en'}
      onClick={() => void i18n.changeLanguage(i18n.language === 'en' ? 'id' : 'en')}
    >
      {t('switchTo')}
    </Button>
  );

  if (access === 'signed-out' || access === 'forbidden')
    return (
      <main className="mon-signin">
        <h1>{t('city')}</h1>
        <Notice>
          <h2>{t('signIn.title')}</h2>
          <p>{access === 'forbidden' ? t('signIn.forbidden') : t('signIn.body')}</p>
          <p>
            <a className="btn" href="/staff/?next=/monitor/">
              {t('signIn.link')}
            </a>
          </p>
        </Notice>
        {languageSwitch}
      </main>
    );

  const places = new Map(
    (boundaries?.features ?? []).map((f) => [f.properties.code, f.properties.name] as const),
  );
  const values = new Map(
    (figures?.areas ?? []).map((a) => [a.kelurahan, shade === 'open' ? a.open : a.breached] as const),
  );
  return (
    <div className="mon-screen">
      <header className="mon-header">
        <h1>{t('city')}</h1>
        <p className={`mon-connection mon-connection-${connection}`} role="status">
          <span className="mon-dot" aria-hidden="true" />
          {connection === 'lost'
            ? t('connection.lost')
            : connection === 'back'
              ? t('connection.back')
              : connection === 'live'
                ? t('connection.live')
                : t('loading')}
        </p>
        {languageSwitch}
      </header>
      {failed ? (
        <Notice kind="warn" live>
          {t('error')}
        </Notice>
      ) : null}
      {!figures ? (
        <main className="mon-loading">
          <p>{t('loading')}</p>
        </main>
      ) : (
        <main className="mon-grid">
          <div className="mon-kpis">
            <Tiles
              title={`${t('kpi.today')} · ${cityDay(figures.today, currentLanguage())}`}
              figures={figures.todayFigures}
            />
            <Tiles title={t('kpi.month')} figures={figures.monthFigures} />
          </div>
          <section className="mon-panel mon-map-panel" aria-labelledby="mon-map-title">
            <div className="mon-map-head">
              <h2 id="mon-map-title">{t('map.title')}</h2>
              <fieldset className="mon-toggle">
                <legend className="visually-hidden">{t('map.show')}</legend>
                {(['open', 'breached'] as const).map((what) => (
                  <label key={what} className={shade === what ? 'is-on' : ''}>
                    <input
                      type="radio"
                      name="shade"
                      value={what}
                      checked={shade === what}
                      onChange={() => setShade(what)}
                    />
                    {t(`map.${what}`)}
                  </label>
                ))}
              </fieldset>
            </div>
            {boundaries ? (
              <KelurahanMap boundaries={boundaries} values={values} what={t(`map.${shade}`)} />
            ) : (
              <p>{t('loading')}</p>
            )}
          </section>
          <Feed items={feed} places={places} categories={categories} />
          <League title={t('league.kota')} rows={figures.kotaLeague} area="kota" />
          <League title={t('league.units')} rows={figures.unitLeague.slice(0, 8)} area="units" />
          <Channels channels={figures.channels} />
          <section className="mon-panel mon-trend-panel">
            <h2>{t('trend.title')}</h2>
            <TrendChart
              days={figures.categoryTrend.days}
              series={figures.categoryTrend.series}
              label={t('trend.label')}
            />
          </section>
        </main>
      )}
    </div>
  );
}
