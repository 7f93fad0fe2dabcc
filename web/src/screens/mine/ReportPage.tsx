import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, bearer, type CitizenView, failure, type PublicView, type ReportRead } from '../../api/client';
import { tokenFor } from '../../device/my-reports';
import { formatDateTime } from '../../format';
import { statusName } from '../../i18n';
import { Link } from '../../router';
import { Notice } from '../../ui';
import { useLoad } from '../../use-load';
import { LoadFailed } from '../ErrorText';
import { CitizenActions } from './CitizenActions';
import { Facts } from './Facts';
import { History } from './History';
import { NotifyMe } from './NotifyMe';
import { Photos } from './Photos';

/**
 * One report by its ticket: the reporter's own view when this device holds its token, otherwise what the
 * public may see (a public report's page, or only the status of a private one).
 */
export function ReportPage({ ticket }: { ticket: string }) {
  const { t } = useTranslation();
  const token = tokenFor(ticket);
  const [loaded, reload] = useLoad(async () => {
    const { data, error, response } = await api.GET('/api/v1/reports/{ticket}', {
      params: { path: { ticket } },
      headers: bearer(token),
    });
    if (!data) throw failure(response, error);
    return data as ReportRead;
  }, [ticket]);
  const [changed, setChanged] = useState<CitizenView | null>(null);

  if (loaded.state === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (loaded.state === 'failed')
    return (
      <>
        <h1>{ticket}</h1>
        <LoadFailed error={loaded.error} retry={reload} />
      </>
    );
  const view = changed ?? loaded.value;
  if ('audience' in view && view.audience === 'citizen')
    return <CitizenReport view={view} token={token!} onChanged={setChanged} />;
  if ('audience' in view) return <PublicReport view={view} />;
  return (
    <>
      <h1>{view.ticket}</h1>
      <Notice>{t('view.privateStub')}</Notice>
      <p>
        {t('view.status')}: <strong>{statusName(view.status.label)}</strong>
      </p>
    </>
  );
}

function CitizenReport({
  view,
  token,
  onChanged,
}: {
  view: CitizenView;
  token: string;
  onChanged: (v: CitizenView) => void;
}) {
  const { t } = useTranslation();
  return (
    <article className="stack">
      <h1>{view.ticket}</h1>
      <Facts view={view} />
      {view.mergedInto && (
        <Notice>
          <Link to={`/laporan/${view.mergedInto.ticket}`}>
            {t('view.mergedInto', { ticket: view.mergedInto.ticket })}
          </Link>
        </Notice>
      )}
      <section className="stack">
        <h2>{t('view.yourText')}</h2>
        <p>{view.text}</p>
        <p className="small muted">
          {view.private ? t('view.visibilityPrivate') : t('view.visibilityPublic')}
          {view.anonymous && ` · ${t('view.anonymous')}`}
        </p>
        {view.rating !== null && <p>{t('view.yourRating', { n: view.rating })}</p>}
      </section>
      <CitizenActions view={view} token={token} onChanged={onChanged} />
      <NotifyMe ticket={view.ticket} token={token} />
      <Photos attachments={view.attachments} token={token} />
      <Photos attachments={view.attachments} token={token} role="evidence" />
      {!view.anonymous && (
        <section className="stack">
          <h2>{t('view.reveals')}</h2>
          {view.identityReveals.length === 0 ? (
            <p>{t('view.revealsNone')}</p>
          ) : (
            <ul>
              {view.identityReveals.map((r) => (
                <li key={`${r.approvedAt}-${r.office.id}`}>
                  {t('view.revealItem', {
                    office: r.office.name,
                    date: formatDateTime(r.approvedAt),
                    reason: r.reason,
                  })}
                  {r.seenAt && <> ({t('view.revealSeen', { date: formatDateTime(r.seenAt) })})</>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <section>
        <h2>{t('view.history')}</h2>
        <History entries={view.history} audience="citizen" />
      </section>
    </article>
  );
}

export function PublicReport({ view }: { view: PublicView }) {
  const { t } = useTranslation();
  return (
    <article className="stack">
      <h1>{view.ticket}</h1>
      <p className="small muted">{t('view.publicNote')}</p>
      <Facts view={view} />
      {view.mergedInto && (
        <Notice>
          <Link to={`/laporan/${view.mergedInto.ticket}`}>
            {t('view.mergedInto', { ticket: view.mergedInto.ticket })}
          </Link>
        </Notice>
      )}
      <p>{view.text ?? t('public.noText')}</p>
      <Photos attachments={view.attachments} token={null} />
      <Photos attachments={view.attachments} token={null} role="evidence" />
      <section>
        <h2>{t('view.history')}</h2>
        <History entries={view.history} audience="public" />
      </section>
    </article>
  );
}
