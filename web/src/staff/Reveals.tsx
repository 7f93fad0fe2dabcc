import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../router';
import { Button, Field, Notice } from '../ui';
import { askReveal, decideReveal, listReveals, type RevealRequest, type Revealed, seeIdentity } from './api';
import { errorText, LoadFailed } from './errors';
import { formatDateTime } from './i18n';
import { useLoad } from '../use-load';

const MIN_REASON = 20;

/** On a report: ask to see its reporter, with a reason (the server decides who may; an official approves). */
export function AskReveal({ ticket }: { ticket: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < MIN_REASON) {
      setOutcome({ kind: 'error', text: t('reveal.reasonShort', { n: MIN_REASON }) });
      return;
    }
    setBusy(true);
    try {
      await askReveal(ticket, reason.trim());
      setOutcome({ kind: 'ok', text: t('reveal.asked') });
      setOpen(false);
      setReason('');
    } catch (error) {
      setOutcome({ kind: 'error', text: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="reveal-title" className="staff-card">
      <h2 id="reveal-title">{t('reveal.title')}</h2>
      <p className="staff-sub">{t('reveal.intro')}</p>
      {outcome && (
        <Notice kind={outcome.kind} live>
          <p>{outcome.text}</p>
          {outcome.kind === 'ok' && (
            <p>
              <Link to="/staff/identitas">{t('reveal.follow')}</Link>
            </p>
          )}
        </Notice>
      )}
      {!open ? (
        <Button variant="secondary" onClick={() => setOpen(true)} aria-expanded={false}>
          {t('reveal.ask')}
        </Button>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field label={t('reveal.reason')} hint={t('reveal.reasonHint', { n: MIN_REASON })}>
            {(props) => (
              <textarea
                {...props}
                rows={3}
                maxLength={2000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                required
              />
            )}
          </Field>
          <div className="staff-form-buttons">
            <Button type="submit" disabled={busy}>
              {busy ? t('actions.busy') : t('reveal.send')}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {t('actions.cancel')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}

/**
 * Requests to see a reporter: the official decides the waiting ones (never their own); the one who asked sees
 * the identity after approval, on this screen only, until the approval's time runs out. The identity lives in
 * this component's memory: never in storage, gone when the time is up or the screen is left.
 */
export function Reveals() {
  const { t } = useTranslation();
  const [list, reload] = useLoad(listReveals, []);
  return (
    <section aria-labelledby="reveals-title">
      <h1 id="reveals-title">{t('reveal.listTitle')}</h1>
      <p>{t('reveal.listIntro')}</p>
      {list.state === 'loading' && <p role="status">{t('app.loading')}</p>}
      {list.state === 'failed' && <LoadFailed error={list.error} retry={reload} />}
      {list.state === 'ready' &&
        (list.value.length === 0 ? (
          <p>{t('reveal.none')}</p>
        ) : (
          <ul className="staff-reveals">
            {list.value.map((r) => (
              <RevealItem key={r.id} request={r} onChanged={reload} />
            ))}
          </ul>
        ))}
    </section>
  );
}

function RevealItem({ request, onChanged }: { request: RevealRequest; onChanged: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [identity, setIdentity] = useState<Revealed | null>(null);
  // the identity disappears from the screen when the approval's time is over
  useEffect(() => {
    if (!identity) return;
    const left = new Date(identity.viewUntil).getTime() - Date.now();
    const timer = window.setTimeout(() => setIdentity(null), Math.max(0, left));
    return () => window.clearTimeout(timer);
  }, [identity]);
  const decide = async (approve: boolean) => {
    setBusy(true);
    setProblem(null);
    try {
      await decideReveal(request.id, approve, note.trim());
      onChanged();
    } catch (error) {
      setProblem(errorText(error, t));
      setBusy(false);
    }
  };
  const view = async () => {
    setProblem(null);
    try {
      setIdentity(await seeIdentity(request.id));
    } catch (error) {
      setProblem(errorText(error, t));
    }
  };
  const headingId = `reveal-${request.id}`;
  return (
    <li className="staff-card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <Link to={`/staff/laporan/${request.ticket}`}>{request.ticket}</Link> ·{' '}
        {t(`reveal.status.${request.status}`)}
      </h2>
      <p className="staff-note">{request.reason}</p>
      <p className="staff-sub">
        {t('reveal.askedBy', {
          name: request.requestedBy.name,
          unit: request.requestedBy.unit?.name ?? '—',
          when: formatDateTime(request.requestedAt),
        })}
      </p>
      {request.decidedAt && (
        <p className="staff-sub">
          {t('reveal.decidedBy', { name: request.decidedBy ?? '—', when: formatDateTime(request.decidedAt) })}
          {request.decisionNote ? `: ${request.decisionNote}` : ''}
        </p>
      )}
      {request.viewUntil && request.status === 'disetujui' && (
        <p className="staff-sub">{t('reveal.until', { when: formatDateTime(request.viewUntil) })}</p>
      )}
      {problem && (
        <Notice kind="error" live>
          <p>{problem}</p>
        </Notice>
      )}
      {request.allowedActions.includes('approve') && (
        <div>
          <Field label={t('reveal.note')} hint={t('reveal.noteHint')}>
            {(props) => (
              <textarea
                {...props}
                rows={2}
                maxLength={2000}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            )}
          </Field>
          <div className="staff-form-buttons">
            <Button disabled={busy} onClick={() => void decide(true)}>
              {t('reveal.approve')}
            </Button>
            <Button variant="danger" disabled={busy} onClick={() => void decide(false)}>
              {t('reveal.refuse')}
            </Button>
          </div>
        </div>
      )}
      {request.allowedActions.includes('view') && !identity && (
        <Button onClick={() => void view()}>{t('reveal.view')}</Button>
      )}
      {identity && (
        <div className="staff-identity" role="region" aria-label={t('reveal.identity')}>
          <p>
            <strong>{t('reveal.identity')}</strong> ·{' '}
            {t('reveal.until', { when: formatDateTime(identity.viewUntil) })}
          </p>
          {identity.anonymous || !identity.identity ? (
            <p>{t('reveal.anonymous')}</p>
          ) : (
            <dl className="staff-facts">
              {(['name', 'phone', 'email', 'nik'] as const).map((k) =>
                identity.identity?.[k] ? (
                  <div key={k} className="staff-fact-row">
                    <dt>{t(`desk.${k}`)}</dt>
                    <dd>{identity.identity[k]}</dd>
                  </div>
                ) : null,
              )}
            </dl>
          )}
          <Button variant="secondary" onClick={() => setIdentity(null)}>
            {t('reveal.hide')}
          </Button>
        </div>
      )}
    </li>
  );
}
