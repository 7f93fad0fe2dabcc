import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Notice } from '../../ui';
import { useLoad } from '../../use-load';
import { errorText, LoadFailed } from '../errors';
import { formatDateTime, pick } from '../i18n';
import { type FailedJob, listFailedJobs, retryJob } from './admin-api';

/**
 * The job queue's dead letters: what failed, in words, and a retry. The server shows ids and codes only, and takes
 * addresses, numbers and handles out of the technical message.
 */
export function FailedJobs() {
  const { t } = useTranslation();
  const [list, reload] = useLoad(listFailedJobs, []);
  const [outcomes, setOutcomes] = useState<Record<string, { kind: 'ok' | 'error'; text: string }>>({});
  return (
    <section aria-labelledby="jobs-title">
      <h1 id="jobs-title">{t('admin.jobs.title')}</h1>
      <p>{t('admin.jobs.intro')}</p>
      <p>
        <Button variant="secondary" onClick={reload}>
          {t('admin.jobs.refresh')}
        </Button>
      </p>
      {list.state === 'loading' && <p role="status">{t('app.loading')}</p>}
      {list.state === 'failed' && <LoadFailed error={list.error} retry={reload} />}
      {list.state === 'ready' &&
        (list.value.length === 0 ? (
          <p role="status">{t('admin.jobs.none')}</p>
        ) : (
          <ul className="staff-jobs">
            {list.value.map((job) => (
              <JobItem
                key={job.id}
                job={job}
                outcome={outcomes[job.id]}
                onOutcome={(o) => setOutcomes((all) => ({ ...all, [job.id]: o }))}
              />
            ))}
          </ul>
        ))}
    </section>
  );
}

function JobItem({
  job,
  outcome,
  onOutcome,
}: {
  job: FailedJob;
  outcome?: { kind: 'ok' | 'error'; text: string };
  onOutcome: (o: { kind: 'ok' | 'error'; text: string }) => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const retry = async () => {
    setBusy(true);
    try {
      await retryJob(job.id);
      onOutcome({ kind: 'ok', text: t('admin.jobs.retried') });
    } catch (error) {
      onOutcome({ kind: 'error', text: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };
  const kind = t(`admin.jobs.kinds.${job.queue}`);
  return (
    <li className="staff-card staff-job">
      <h2 className="staff-job__title">{kind}</h2>
      <dl className="staff-job__facts">
        <div>
          <dt>{t('admin.jobs.what')}</dt>
          <dd>{pick(job.reason)}</dd>
        </div>
        <div>
          <dt>{t('admin.jobs.attempts')}</dt>
          <dd>{job.attempts}</dd>
        </div>
        <div>
          <dt>{t('admin.jobs.failedAt')}</dt>
          <dd>{formatDateTime(job.failedAt)}</dd>
        </div>
        <div>
          <dt>{t('admin.jobs.technical')}</dt>
          <dd>
            <code>{job.error ?? t('admin.jobs.noTechnical')}</code>
          </dd>
        </div>
      </dl>
      {outcome && (
        <Notice kind={outcome.kind} live>
          <p>{outcome.text}</p>
        </Notice>
      )}
      {outcome?.kind !== 'ok' && (
        <Button onClick={() => void retry()} disabled={busy} aria-label={`${t('admin.jobs.retry')}: ${kind}`}>
          {busy ? t('admin.jobs.retrying') : t('admin.jobs.retry')}
        </Button>
      )}
    </li>
  );
}
