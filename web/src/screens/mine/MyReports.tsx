import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, bearer } from '../../api/client';
import { forgetReport, keptReports } from '../../device/my-reports';
import { onOutboxChange } from '../../device/outbox';
import { formatDateTime } from '../../format';
import { pick, statusName } from '../../i18n';
import { Link } from '../../router';
import { Button, Notice, StatusBadge } from '../../ui';
import { useLoad } from '../../use-load';
import { useWaiting, WaitingReports } from '../WaitingReports';

/** Laporan saya: the reports whose tokens this device keeps, each with its current status. */
export function MyReports() {
  const { t } = useTranslation();
  const [kept, setKept] = useState(keptReports);
  const { waiting } = useWaiting();
  // a waiting report that was just sent joins the list
  useEffect(
    () =>
      onOutboxChange(() =>
        setKept((now) => {
          const fresh = keptReports();
          return fresh.length === now.length ? now : fresh;
        }),
      ),
    [],
  );
  const [loaded] = useLoad(
    () =>
      Promise.all(
        kept.map(async (r) => {
          const { data } = await api
            .GET('/api/v1/reports/{ticket}', {
              params: { path: { ticket: r.ticket } },
              headers: bearer(r.token),
            })
            .catch(() => ({ data: undefined }));
          return { ...r, view: data && 'audience' in data && data.audience === 'citizen' ? data : null };
        }),
      ),
    [kept],
  );

  return (
    <div className="stack">
      <h1>{t('mine.title')}</h1>
      <p className="small muted">{t('mine.deviceNote')}</p>
      <WaitingReports />
      {kept.length === 0 && waiting.length === 0 && <Notice>{t('mine.empty')}</Notice>}
      {loaded.state === 'loading' && kept.length > 0 && <p role="status">{t('app.loading')}</p>}
      {loaded.state === 'ready' && (
        <ul className="list">
          {loaded.value.map((r) => (
            <li key={r.ticket} className="card stack">
              <Link to={`/laporan/${r.ticket}`}>
                <strong>{r.ticket}</strong>
              </Link>
              {r.view ? (
                <>
                  <div>
                    <StatusBadge code={r.view.status.code} label={statusName(r.view.status.label)} />{' '}
                    {pick(r.view.category.label)}
                  </div>
                  <p className="small">{r.view.text.slice(0, 140)}</p>
                </>
              ) : (
                <p className="small muted">{t('app.offline')}</p>
              )}
              <p className="small muted">
                {t('mine.filedAt', { date: formatDateTime(r.view?.createdAt ?? r.filedAt) })}
              </p>
              <Button
                variant="secondary"
                onClick={() => {
                  if (!window.confirm(t('mine.forgetConfirm', { ticket: r.ticket }))) return;
                  forgetReport(r.ticket);
                  setKept(keptReports());
                }}
              >
                {t('mine.forget')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
