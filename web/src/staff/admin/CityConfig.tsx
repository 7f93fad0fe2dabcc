import { useTranslation } from 'react-i18next';
import { Notice } from '../../ui';
import { useLoad } from '../../use-load';
import { LoadFailed } from '../errors';
import { pick } from '../i18n';
import { type CityConfig as Config, readCityConfig } from './admin-api';

/** The city's configuration as the server loaded it, read-only: it is edited in the city data folder. */
export function CityConfig() {
  const { t } = useTranslation();
  const [config, reload] = useLoad(readCityConfig, []);
  return (
    <section aria-labelledby="city-title" className="staff-city">
      <h1 id="city-title">
        {t('admin.city.title')}
        {config.state === 'ready' && `: ${config.value.city.name}`}
      </h1>
      {config.state === 'loading' && <p role="status">{t('app.loading')}</p>}
      {config.state === 'failed' && <LoadFailed error={config.error} retry={reload} />}
      {config.state === 'ready' && <ConfigTables config={config.value} />}
    </section>
  );
}

function ConfigTables({ config }: { config: Config }) {
  const { t } = useTranslation();
  const categoryName = new Map(config.categories.map((c) => [c.code, pick(c.name)]));
  const clockName = (clock: 'working' | 'calendar') =>
    clock === 'working' ? t('admin.city.clockWorking') : t('admin.city.clockCalendar');
  const days = t('admin.city.days').split(',');
  const cal = config.workCalendar;
  return (
    <>
      <Notice kind="info">
        <p>
          <strong>{t('admin.city.readOnly')}</strong>
        </p>
        <p>
          {t('admin.city.folder')}: <code>{config.dataFolder}</code>
        </p>
        <p>{t('admin.city.files', { files: config.files.join(', ') })}</p>
      </Notice>

      <h2>{t('admin.city.limits')}</h2>
      <p>{t('admin.city.limitsIntro')}</p>
      <ul>
        <li>
          {t('admin.city.calendar', {
            days: cal.workdays.map((d) => days[d - 1]).join(', '),
            start: cal.start,
            end: cal.end,
            zone: config.city.timeZone,
            holidays: cal.holidays,
          })}
        </li>
        <li>{t('admin.city.yellow', { percent: Math.round(config.yellowAtFraction * 100) })}</li>
        <li>
          {t('admin.city.escalation', {
            hours: config.escalation.afterOverdueHours,
            clock: clockName(config.escalation.clock),
          })}
        </li>
      </ul>
      <div className="staff-table-wrap">
        <table className="staff-table">
          <caption className="staff-caption">{t('admin.city.limits')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.city.name')}</th>
              <th scope="col" className="staff-num">
                {t('admin.city.response')}
              </th>
              <th scope="col" className="staff-num">
                {t('admin.city.completion')}
              </th>
              <th scope="col">{t('admin.city.clock')}</th>
            </tr>
          </thead>
          <tbody>
            {config.timeLimits.map((l) => (
              <tr key={l.category}>
                <th scope="row">
                  {categoryName.get(l.category) ?? l.category} <span className="staff-sub">{l.category}</span>
                </th>
                <td className="staff-num">
                  <span className="staff-narrow-label">{t('admin.city.response')}: </span>
                  {l.responseHours}
                </td>
                <td className="staff-num">
                  <span className="staff-narrow-label">{t('admin.city.completion')}: </span>
                  {l.completionHours}
                </td>
                <td>
                  <span className="staff-narrow-label">{t('admin.city.clock')}: </span>
                  {clockName(l.clock)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('admin.city.categories', { count: config.categories.length })}</h2>
      <div className="staff-table-wrap">
        <table className="staff-table">
          <caption className="staff-caption">
            {t('admin.city.categories', { count: config.categories.length })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.city.code')}</th>
              <th scope="col">{t('admin.city.name')}</th>
              <th scope="col">{t('admin.city.sector')}</th>
              <th scope="col">{t('admin.city.routesTo')}</th>
              <th scope="col" className="staff-num">
                {t('admin.city.exceptions')}
              </th>
            </tr>
          </thead>
          <tbody>
            {config.categories.map((c) => (
              <tr key={c.code}>
                <th scope="row">
                  <code>{c.code}</code>
                </th>
                <td>{pick(c.name)}</td>
                <td>
                  <span className="staff-narrow-label">{t('admin.city.sector')}: </span>
                  {c.sector}
                </td>
                <td>
                  <span className="staff-narrow-label">{t('admin.city.routesTo')}: </span>
                  {c.routesTo ? pick(c.routesTo) : t('admin.city.noRoute')}
                </td>
                <td className="staff-num">
                  <span className="staff-narrow-label">{t('admin.city.exceptions')}: </span>
                  {c.exceptions}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('admin.city.routing', { count: config.routingRules.length })}</h2>
      <p>{t('admin.city.routingIntro')}</p>
      <ol className="staff-rules">
        {config.routingRules.map((r) => (
          <li key={r.source}>
            {pick(r.words)}
            <span className="staff-sub">
              {t('admin.city.source')} <code>{r.source}</code>
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
