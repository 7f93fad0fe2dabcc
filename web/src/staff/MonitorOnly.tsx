import { useTranslation } from 'react-i18next';

/** A monitoring-room account's staff console: nothing to do here but go to the monitoring room. */
export function MonitorOnly() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="monitor-only-title">
      <h1 id="monitor-only-title">{t('monitorOnly.title')}</h1>
      <p>{t('monitorOnly.body')}</p>
      <p>
        <a className="btn" href="/monitor/">
          {t('monitorOnly.open')}
        </a>
      </p>
    </section>
  );
}
