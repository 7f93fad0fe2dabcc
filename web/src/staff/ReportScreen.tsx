import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../router';
import { Notice, StatusBadge } from '../ui';
import { type Category, type Me, readCategories, readReport, RequestFailed, type StaffView } from './api';
import { Actions } from './Actions';
import { AskReveal } from './Reveals';
import { LoadFailed } from './errors';
import { formatDateTime, pick, statusName } from './i18n';
import { SlaFlag } from './SlaFlag';
import { useLoad } from '../use-load';

type Attachment = StaffView['attachments'][number];
type HistoryEntry = StaffView['history'][number];

/** One report as staff read it, and what this account may do on it (the API's allowedActions). */
export function ReportScreen({ ticket, me }: { ticket: string; me: Me }) {
  const { t } = useTranslation();
  const [loaded, reload] = useLoad(() => readReport(ticket), [ticket]);
  const [view, setView] = useState<StaffView | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  useEffect(() => {
    readCategories().then(setCategories, () => setCategories([]));
  }, []);
  useEffect(() => {
    if (loaded.state === 'ready') setView(loaded.value);
  }, [loaded]);

  const back = (
    <p>
      <Link
        to={
          me.permissions.includes('queue.verification') && me.user.role === 'verifier'
            ? '/staff/validasi'
            : '/staff/antrean'
        }
      >
        ← {t('report.back')}
      </Link>
    </p>
  );
  if (loaded.state === 'failed') {
    const error = loaded.error;
    return (
      <section aria-labelledby="report-title">
        {back}
        <h1 id="report-title">{ticket}</h1>
        {error instanceof RequestFailed && (error.status === 404 || error.status === 403) ? (
          <Notice kind="error" live>
            <p>{t('report.notFound', { ticket })}</p>
          </Notice>
        ) : (
          <LoadFailed error={error} retry={reload} />
        )}
      </section>
    );
  }
  if (!view) return <p role="status">{t('app.loading')}</p>;

  const categoryName = (code: string) => {
    const c = categories.find((x) => x.code === code);
    return c ? pick(c.name) : code;
  };
  const channel = me.channels.find((c) => c.code === view.channel);
  const reportPhotos = view.attachments.filter((a) => a.role === 'report');
  const evidence = view.attachments.filter((a) => a.role === 'evidence');
  const sideBySide = view.status.code === 'menunggu_validasi' || evidence.length > 0;

  return (
    <article aria-labelledby="report-title" className="staff-report">
      {back}
      <header className="staff-report__head">
        <h1 id="report-title">
          {view.ticket} <StatusBadge code={view.status.code} label={statusName(view.status.label)} />
        </h1>
        <p className="staff-sub">
          {pick(view.category.label)} ·{' '}
          {t('report.created', {
            when: formatDateTime(view.createdAt),
            channel: channel ? pick(channel.name) : view.channel,
          })}
        </p>
      </header>
      <div className="staff-report__grid">
        <div className="staff-report__main">
          <section aria-labelledby="what-title" className="staff-card">
            <h2 id="what-title">{t('report.what')}</h2>
            {view.privacyNotice && (
              <Notice kind="warn">
                <p>{pick(view.privacyNotice)}</p>
              </Notice>
            )}
            <p className="staff-text">{view.text}</p>
            <p className="staff-sub">{t('report.masked')}</p>
            <dl className="staff-facts">
              <dt>{t('report.where')}</dt>
              <dd>
                {[view.address, view.kelurahan?.name].filter(Boolean).join(' · ') || t('report.noPlace')}
                {view.location && (
                  <span className="staff-sub">
                    {view.location.lat.toFixed(5)}, {view.location.lng.toFixed(5)}
                  </span>
                )}
              </dd>
              {view.newsSource && (
                <>
                  <dt>{t('report.newsSource')}</dt>
                  <dd>
                    {view.newsSource.outlet}, {view.newsSource.publishedOn}
                    <a
                      className="staff-url"
                      href={view.newsSource.url}
                      target="_blank"
                      rel="noopener noreferrer nofollow"
                    >
                      {view.newsSource.url}
                    </a>
                  </dd>
                </>
              )}
              <dt>{t('report.reporter')}</dt>
              <dd>
                <strong>{view.reporter.pseudonym}</strong>
                {view.reporter.anonymous && <span className="staff-sub">{t('report.anonymous')}</span>}
                <span className="staff-sub">{t('report.pseudonymHint')}</span>
              </dd>
              <dt>{t('report.assigned')}</dt>
              <dd>{view.unit?.name ?? '—'}</dd>
              {view.suggestedUnit && (
                <>
                  <dt>{t('report.suggested')}</dt>
                  <dd>{view.suggestedUnit.name}</dd>
                </>
              )}
              {view.escalatedUnit && (
                <>
                  <dt>{t('report.escalation')}</dt>
                  <dd>
                    {t('report.escalated', { unit: view.escalatedUnit.name, level: view.escalationLevel })}
                  </dd>
                </>
              )}
              <dt>{t('report.slaTitle')}</dt>
              <dd className="staff-sla-pair">
                <SlaFlag
                  label={t('sla.response')}
                  flag={view.sla.responseFlag}
                  due={view.sla.responseDueAt}
                />
                <SlaFlag
                  label={t('sla.completion')}
                  flag={view.sla.completionFlag}
                  due={view.sla.completionDueAt}
                />
              </dd>
              {view.rating !== null && (
                <>
                  <dt>{t('report.rating', { rating: view.rating })}</dt>
                  <dd>{view.ratingComment ?? '—'}</dd>
                </>
              )}
            </dl>
          </section>

          <section aria-labelledby="photos-title" className="staff-card">
            <h2 id="photos-title">{t('report.photos')}</h2>
            {sideBySide ? (
              <div className="staff-compare">
                <Photos
                  title={t('report.before')}
                  items={reportPhotos}
                  alt={(n) => t('report.photoAlt', { n, ticket: view.ticket })}
                />
                <Photos
                  title={t('report.after')}
                  items={evidence}
                  alt={(n) => t('report.evidenceAlt', { n, ticket: view.ticket })}
                />
              </div>
            ) : (
              <Photos
                title={t('report.reportPhotos')}
                items={reportPhotos}
                alt={(n) => t('report.photoAlt', { n, ticket: view.ticket })}
              />
            )}
          </section>

          {evidence.length > 0 || view.evidenceFlags.length > 0 ? (
            <section aria-labelledby="flags-title" className="staff-card">
              <h2 id="flags-title">{t('report.flags')}</h2>
              <p className="staff-sub">{t('report.flagsIntro')}</p>
              {view.evidenceFlags.length === 0 ? (
                <p>{t('report.noFlags')}</p>
              ) : (
                <ul className="staff-flags">
                  {view.evidenceFlags.map((f) => (
                    <li key={`${f.attachmentId}-${f.code}`} className={`staff-flag staff-flag--${f.level}`}>
                      <strong>
                        {f.level === 'warning' ? t('report.flagWarning') : t('report.flagInfo')}:
                      </strong>{' '}
                      {pick(f.message)}
                      <span className="staff-sub">
                        {t('report.evidenceAlt', {
                          n: evidence.findIndex((a) => a.id === f.attachmentId) + 1,
                          ticket: view.ticket,
                        })}{' '}
                        · {formatDateTime(f.flaggedAt)}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ) : null}

          <section aria-labelledby="history-title" className="staff-card">
            <h2 id="history-title">{t('report.history')}</h2>
            <ol className="staff-history">
              {view.history.map((h) => (
                <HistoryLine key={h.seq} entry={h} categoryName={categoryName} />
              ))}
            </ol>
          </section>
        </div>

        <aside className="staff-report__side">
          <Actions view={view} me={me} categories={categories} onChanged={setView} onConflict={reload} />
          {!view.reporter.anonymous && <AskReveal ticket={view.ticket} />}
          <RouteWhy view={view} categoryName={categoryName} />
          <section aria-labelledby="similar-title" className="staff-card">
            <h2 id="similar-title">{t('report.similar')}</h2>
            {view.similar.length === 0 ? (
              <p>{t('report.similarNone')}</p>
            ) : (
              <ul className="staff-similar">
                {view.similar.map((s) => (
                  <li key={s.ticket}>
                    <Link to={`/staff/laporan/${s.ticket}`}>{s.ticket}</Link>{' '}
                    <StatusBadge code={s.status.code} label={statusName(s.status.label)} />
                    <span className="staff-sub">
                      {pick(s.category.label)} · {s.kelurahan?.name ?? '—'} ·{' '}
                      {s.reason === 'nearby'
                        ? t('report.similarNearby', { meters: Math.round(s.distanceMeters ?? 0) })
                        : t('report.similarText', { score: `${Math.round((s.textScore ?? 0) * 100)}%` })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </article>
  );
}

function Photos({ title, items, alt }: { title: string; items: Attachment[]; alt: (n: number) => string }) {
  const { t } = useTranslation();
  return (
    <figure className="staff-photos">
      <figcaption>{title}</figcaption>
      {items.length === 0 ? (
        <p>{t('report.noPhotos')}</p>
      ) : (
        <ul>
          {items.map((a, i) =>
            a.url && a.kind === 'photo' ? (
              <li key={a.id}>
                <a href={a.url} target="_blank" rel="noopener">
                  <img
                    src={a.thumbnailUrl ?? a.url}
                    alt={alt(i + 1)}
                    width={a.width ?? undefined}
                    height={a.height ?? undefined}
                  />
                </a>
              </li>
            ) : a.url ? (
              <li key={a.id}>
                <video src={a.url} controls aria-label={alt(i + 1)} />
              </li>
            ) : (
              <li key={a.id}>{t('report.videoProcessing')}</li>
            ),
          )}
        </ul>
      )}
    </figure>
  );
}

function HistoryLine({
  entry,
  categoryName,
}: {
  entry: HistoryEntry;
  categoryName: (code: string) => string;
}) {
  const { t } = useTranslation();
  const by = [
    t(`report.historyBy.${entry.actor}`),
    entry.unit ? t('report.byUnit', { unit: entry.unit.name }) : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <li className={entry.type === 'pending' ? 'staff-pending' : undefined}>
      <p>
        <strong>{pick(entry.label)}</strong>
        {entry.targetUnit && <> {t('report.toUnit', { unit: entry.targetUnit.name })}</>}
        {entry.fromCategory && entry.toCategory && (
          <>
            {' '}
            ({categoryName(entry.fromCategory)} → {categoryName(entry.toCategory)})
          </>
        )}
        {entry.intoTicket && <> → {entry.intoTicket}</>}
      </p>
      {entry.note && <p className="staff-note">{entry.note}</p>}
      <p className="staff-sub">
        {formatDateTime(entry.at)} · {by} · {statusName(entry.status.label)}
      </p>
    </li>
  );
}

/**
 * Why the report is where it is, in sentences (the server's routeExplanation: who chose the category and how
 * sure the model was, the place, and the city's rule that named the unit), and the model's other choices.
 */
function RouteWhy({ view, categoryName }: { view: StaffView; categoryName: (code: string) => string }) {
  const { t } = useTranslation();
  const model = [...view.history].reverse().find((h) => h.routing)?.routing?.classification;
  const percent = (n: number) => `${Math.round(n * 100)}%`;
  const others = model?.top3.filter((c) => c.category !== model.category) ?? [];
  return (
    <section aria-labelledby="route-title" className="staff-card">
      <h2 id="route-title">{t('report.route')}</h2>
      {!view.routeExplanation ? (
        <p>{t('report.noRoute')}</p>
      ) : (
        <>
          <p className="staff-route-why">{pick(view.routeExplanation)}</p>
          {others.length > 0 && (
            <p className="staff-sub">
              {t('report.modelAlternatives', {
                list: others.map((c) => `${categoryName(c.category)} ${percent(c.confidence)}`).join(', '),
              })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
