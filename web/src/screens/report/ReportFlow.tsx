import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RequestFailed } from '../../api/client';
import { type NewReport, submitReport } from '../../api/submit-report';
import { anyToken, keepReport } from '../../device/my-reports';
import {
  discardWaiting,
  photoFileOf,
  queueReport,
  type WaitingReport,
  waitingReport,
} from '../../device/outbox';
import { navigate } from '../../router';
import { Button, Notice } from '../../ui';
import { errorText } from '../ErrorText';
import { type Draft, EMAIL, EMPTY_DRAFT, NIK, newIdempotencyKey, PHONE } from './draft';
import { type IdentityErrors, StepSend } from './StepSend';
import { StepPhotoPlace } from './StepPhotoPlace';
import { StepText } from './StepText';
import { TicketDone } from './TicketDone';

const STEP_TITLES = ['report.title', 'report.photoTitle', 'report.privacyTitle'] as const;

function identityErrors(d: Draft, t: (k: string) => string): IdentityErrors {
  if (d.anonymous) return {};
  const errors: IdentityErrors = {};
  if (d.phone.trim() && !PHONE.test(d.phone.trim())) errors.phone = t('report.phoneInvalid');
  if (d.email.trim() && !EMAIL.test(d.email.trim())) errors.email = t('report.emailInvalid');
  if (d.nik.trim() && (!NIK.test(d.nik.trim()) || d.nik.replace(/ /g, '').length !== 16))
    errors.nik = t('report.nikInvalid');
  return errors;
}

function toRequest(d: Draft): NewReport {
  const at = d.pin ?? d.gps;
  const reporter = Object.fromEntries(
    Object.entries({ name: d.name, phone: d.phone, email: d.email, nik: d.nik })
      .map(([k, v]) => [k, v.trim()])
      .filter(([, v]) => v),
  );
  return {
    text: d.text.trim(),
    channel: 'web',
    private: d.private,
    anonymous: d.anonymous,
    ...(d.category ? { category: d.category } : {}),
    ...(at ? { lat: at.lat, lng: at.lng } : d.address.trim() ? { address: d.address.trim() } : {}),
    ...(!d.anonymous && Object.keys(reporter).length > 0 ? { reporter } : {}),
  };
}

/** A refused waiting report back in the form, to be corrected and sent under a new key. */
function draftOf(w: WaitingReport): Draft {
  const r = w.report;
  return {
    ...EMPTY_DRAFT,
    text: r.text,
    category: r.category ?? null,
    photo: photoFileOf(w),
    gps: r.lat !== undefined && r.lng !== undefined ? { lat: r.lat, lng: r.lng, accuracy: 0 } : null,
    address: r.address ?? '',
    private: r.private ?? true,
    anonymous: r.anonymous ?? false,
    name: r.reporter?.name ?? '',
    phone: r.reporter?.phone ?? '',
    email: r.reporter?.email ?? '',
    nik: r.reporter?.nik ?? '',
  };
}

/** No answer at all (no connection, or it dropped): the report can wait on the device. HTTP errors cannot. */
const isNoConnection = (error: unknown) => error instanceof RequestFailed && error.status === 0;

/** Lapor: three steps (what, photo and place, who may see it), then the ticket. */
export function ReportFlow() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [step, setStep] = useState(0);
  const [key, setKey] = useState(newIdempotencyKey);
  const [textError, setTextError] = useState<string | null>(null);
  const [errors, setErrors] = useState<IdentityErrors>({});
  const [progress, setProgress] = useState<number | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const [ticket, setTicket] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const started = useRef(false);
  /** The waiting report this draft corrects: discarded once the draft is sent or saved again. */
  const replaces = useRef<string | null>(null);

  useEffect(() => {
    const editing = new URLSearchParams(window.location.search).get('ubah');
    if (!editing) return;
    void waitingReport(editing)
      .then((w) => {
        if (!w) return;
        replaces.current = w.key;
        setDraft(draftOf(w));
      })
      .catch(() => {});
  }, []);

  useEffect(() => {
    if (started.current) heading.current?.focus();
    started.current = true;
  }, [step]);

  const update = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const next = () => {
    if (step === 0 && !draft.text.trim()) return setTextError(t('report.textRequired'));
    setTextError(null);
    setStep((s) => s + 1);
  };

  const send = async () => {
    const found = identityErrors(draft, t);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setFailed(null);
    const request = toRequest(draft);
    const keepForLater = async (error: unknown) => {
      try {
        await queueReport(request, draft.photo, key);
      } catch {
        return setFailed(error); // IndexedDB refused (private mode, full): say so, keep the form
      }
      if (replaces.current) await discardWaiting(replaces.current).catch(() => {});
      navigate('/saya');
    };
    if (!navigator.onLine) return keepForLater(new RequestFailed(0, null));
    setProgress(0);
    try {
      const created = await submitReport(request, draft.photo, key, anyToken(), setProgress);
      keepReport({ ticket: created.ticket, token: created.citizenToken, filedAt: new Date().toISOString() });
      if (replaces.current) await discardWaiting(replaces.current).catch(() => {});
      setTicket(created.ticket);
    } catch (error) {
      if (isNoConnection(error)) await keepForLater(error);
      else setFailed(error);
    } finally {
      setProgress(null);
    }
  };

  if (ticket)
    return (
      <TicketDone
        ticket={ticket}
        onAnother={() => {
          setDraft(EMPTY_DRAFT);
          setKey(newIdempotencyKey());
          setStep(0);
          setTicket(null);
        }}
      />
    );

  const sending = progress !== null;
  return (
    <form
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (step < 2) next();
        else void send();
      }}
    >
      <div>
        <p className="muted small">{t('report.step', { n: step + 1 })}</p>
        <h1 ref={heading} tabIndex={-1}>
          {t(STEP_TITLES[step]!)}
        </h1>
      </div>
      {step === 0 && <StepText draft={draft} update={update} error={textError} />}
      {step === 1 && <StepPhotoPlace draft={draft} update={update} />}
      {step === 2 && <StepSend draft={draft} update={update} errors={errors} />}
      {sending && (
        <div role="status">
          <label>
            {t('report.sending', { percent: Math.round((progress ?? 0) * 100) })}
            <progress max={1} value={progress ?? 0} />
          </label>
        </div>
      )}
      {failed !== null && (
        <Notice kind="error" live>
          <strong>{t('report.sendFailed')}</strong> {errorText(failed, t)}
        </Notice>
      )}
      <div className="btn-row">
        {step > 0 && (
          <Button variant="secondary" onClick={() => setStep((s) => s - 1)} disabled={sending}>
            {t('report.previous')}
          </Button>
        )}
        <Button type="submit" disabled={sending}>
          {step < 2 ? t('report.next') : t('report.submit')}
        </Button>
      </div>
    </form>
  );
}
