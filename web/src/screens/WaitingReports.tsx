import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  currentlySending,
  discardWaiting,
  onOutboxChange,
  sendWaiting,
  type WaitingReport,
  waitingReports,
} from '../device/outbox';
import { formatDateTime } from '../format';
import { pick } from '../i18n';
import { navigate } from '../router';
import { Button } from '../ui';

/** The waiting reports and the one being sent, kept current as the outbox changes. */
export function useWaiting(): { waiting: WaitingReport[]; sending: string | null } {
  const [state, setState] = useState<{ waiting: WaitingReport[]; sending: string | null }>({
    waiting: [],
    sending: null,
  });
  useEffect(() => {
    let live = true;
    const load = () =>
      void waitingReports()
        .catch(() => [])
        .then((waiting) => live && setState({ waiting, sending: currentlySending() }));
    load();
    const stop = onOutboxChange(load);
    return () => {
      live = false;
      stop();
    };
  }, []);
  return state;
}

/** "Waiting for a connection": reports saved on this device, each with its text start and what happens next. */
export function WaitingReports() {
  const { t } = useTranslation();
  const { waiting, sending } = useWaiting();
  if (waiting.length === 0) return null;
  return (
    <section className="stack" aria-labelledby="waiting-title">
      <h2 id="waiting-title">{t('waiting.title')}</h2>
      <ul className="list">
        {waiting.map((w) => (
          <li key={w.key} className="card stack waiting-card" data-testid="waiting-report">
            <p>
              <strong>{w.refused ? t('waiting.refused') : t('waiting.badge')}</strong>
            </p>
            <p className="small">{w.report.text.slice(0, 140)}</p>
            <p className="small muted">
              {t('waiting.savedAt', { date: formatDateTime(w.queuedAt) })}
              {w.photo ? ` · ${t('waiting.withPhoto')}` : ''}
            </p>
            {w.refused ? (
              <div className="notice notice--error" role="alert">
                {w.refused.text ? pick(w.refused.text) : t('app.error')}
              </div>
            ) : (
              <p className="small" role="status">
                {sending === w.key ? t('waiting.sending') : t('waiting.explain')}
              </p>
            )}
            <div className="btn-row">
              {w.refused ? (
                <Button variant="secondary" onClick={() => navigate(`/lapor?ubah=${w.key}`)}>
                  {t('waiting.edit')}
                </Button>
              ) : (
                <Button variant="secondary" disabled={sending !== null} onClick={() => void sendWaiting()}>
                  {t('waiting.sendNow')}
                </Button>
              )}
              <Button
                variant="secondary"
                onClick={() => {
                  if (window.confirm(t('waiting.discardConfirm'))) void discardWaiting(w.key);
                }}
              >
                {t('waiting.discard')}
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
