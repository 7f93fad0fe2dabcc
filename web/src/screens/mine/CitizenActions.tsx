import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, bearer, type CitizenView, failure } from '../../api/client';
import { Button, Field, Notice } from '../../ui';
import { errorText } from '../ErrorText';

type Open = null | 'edit' | 'withdraw' | 'rating' | 'reopen';

/** Only what the API says the reporter may do now (allowedActions): edit, withdraw, rate, reopen. */
export function CitizenActions({
  view,
  token,
  onChanged,
}: {
  view: CitizenView;
  token: string;
  onChanged: (view: CitizenView) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open>(null);
  const [text, setText] = useState(view.text);
  const [reason, setReason] = useState('');
  const [rating, setRating] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const allowed = new Set(view.allowedActions);
  const params = { path: { ticket: view.ticket } };
  const headers = bearer(token);

  async function run(call: () => Promise<{ data?: CitizenView; error?: unknown; response: Response }>) {
    setBusy(true);
    setError(null);
    try {
      const { data, error: failed, response } = await call();
      if (!data) throw failure(response, failed);
      onChanged(data);
      setOpen(null);
      setReason('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const show = (which: Open) => {
    setOpen(which);
    setError(null);
  };

  if (allowed.size === 0) return null;
  return (
    <section className="stack" aria-label={t('view.edit')}>
      {open === null && (
        <div className="btn-row">
          {allowed.has('edit') && (
            <Button variant="secondary" onClick={() => show('edit')}>
              {t('view.edit')}
            </Button>
          )}
          {allowed.has('withdraw') && (
            <Button variant="secondary" onClick={() => show('withdraw')}>
              {t('view.withdraw')}
            </Button>
          )}
          {allowed.has('rating') && <Button onClick={() => show('rating')}>{t('view.rate')}</Button>}
          {allowed.has('reopen') && (
            <Button variant="secondary" onClick={() => show('reopen')}>
              {t('view.reopen')}
            </Button>
          )}
        </div>
      )}
      {open === 'edit' && (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => api.PATCH('/api/v1/reports/{ticket}', { params, headers, body: { text } }));
          }}
        >
          <Field label={t('view.yourText')}>
            {(props) => (
              <textarea {...props} value={text} maxLength={4000} onChange={(e) => setText(e.target.value)} />
            )}
          </Field>
          <div className="btn-row">
            <Button type="submit" disabled={busy || !text.trim()}>
              {t('view.editSave')}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(null)}>
              {t('view.cancel')}
            </Button>
          </div>
        </form>
      )}
      {open === 'withdraw' && (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            const body = reason.trim() ? { reason: reason.trim() } : {};
            void run(() => api.POST('/api/v1/reports/{ticket}/withdraw', { params, headers, body }));
          }}
        >
          <Field label={t('view.withdrawReason')}>
            {(props) => (
              <input
                {...props}
                type="text"
                value={reason}
                maxLength={1000}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          <div className="btn-row">
            <Button type="submit" variant="danger" disabled={busy}>
              {t('view.withdrawConfirm')}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(null)}>
              {t('view.cancel')}
            </Button>
          </div>
        </form>
      )}
      {open === 'rating' && (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            if (rating === null) return;
            const body = { rating, ...(reason.trim() ? { comment: reason.trim() } : {}) };
            void run(() => api.POST('/api/v1/reports/{ticket}/rating', { params, headers, body }));
          }}
        >
          <fieldset className="field">
            <legend>{t('view.rating')}</legend>
            <div className="chips">
              {[1, 2, 3, 4, 5].map((n) => (
                <button
                  key={n}
                  type="button"
                  className="chip"
                  aria-pressed={rating === n}
                  aria-label={t('view.star', { n })}
                  onClick={() => setRating(n)}
                >
                  {'★'.repeat(n)}
                </button>
              ))}
            </div>
          </fieldset>
          <Field label={t('view.ratingComment')}>
            {(props) => (
              <textarea
                {...props}
                value={reason}
                maxLength={2000}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          <div className="btn-row">
            <Button type="submit" disabled={busy || rating === null}>
              {t('view.rateSend')}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(null)}>
              {t('view.cancel')}
            </Button>
          </div>
        </form>
      )}
      {open === 'reopen' && (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            if (!reason.trim()) return;
            const body = { reason: reason.trim() };
            void run(() => api.POST('/api/v1/reports/{ticket}/reopen', { params, headers, body }));
          }}
        >
          <Field label={t('view.reopenReason')}>
            {(props) => (
              <textarea
                {...props}
                value={reason}
                maxLength={2000}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          <div className="btn-row">
            <Button type="submit" disabled={busy || !reason.trim()}>
              {t('view.reopenSend')}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(null)}>
              {t('view.cancel')}
            </Button>
          </div>
        </form>
      )}
      {error !== null && (
        <Notice kind="error" live>
          {errorText(error, t)}
        </Notice>
      )}
    </section>
  );
}
