import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Field, Notice } from '../ui';
import { type Category, fileAtDesk, type Me, readCategories } from './api';
import { errorText } from './errors';
import { ReportFields } from './ReportFields';
import { formatDateTime, pick } from './i18n';
import { MediaDesk } from './MediaDesk';

/**
 * Channels a citizen uses by themselves, and news media (its own form, MediaDesk.tsx); the desk files for every
 * other one (services/intake/desk-intake.ts).
 */
const NOT_AT_DESK = ['app', 'web', 'api', 'media'];

interface Receipt {
  ticket: string;
  citizenToken: string;
  channel: string;
  at: string;
  category: string | null;
  bySms: boolean;
}

/**
 * The desk: a walk-in or phone report filed for a citizen. The citizen's details go with the report straight to the
 * server's vault; the screen keeps them only in the form, cleared when the receipt shows. The receipt (ticket and
 * the citizen's token to follow the report) prints on its own.
 */
export function Desk({ me }: { me: Me }) {
  const { t } = useTranslation();
  const mayFileNews = me.permissions.includes('intake.media');
  const [mode, setMode] = useState<'citizen' | 'news'>('citizen');
  const channels = me.channels.filter((c) => !NOT_AT_DESK.includes(c.kind));
  const [categories, setCategories] = useState<Category[]>([]);
  const [channel, setChannel] = useState(channels[0]?.code ?? '');
  const [text, setText] = useState('');
  const [address, setAddress] = useState('');
  const [category, setCategory] = useState('');
  const [isPrivate, setPrivate] = useState(true);
  const [anonymous, setAnonymous] = useState(false);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [nik, setNik] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const key = useRef(crypto.randomUUID());
  const receiptRef = useRef<HTMLElement>(null);
  useEffect(() => {
    readCategories().then(setCategories, () => setCategories([]));
  }, []);
  useEffect(() => {
    if (receipt) receiptRef.current?.focus();
  }, [receipt]);

  const clearForm = () => {
    setText('');
    setAddress('');
    setCategory('');
    setPrivate(true);
    setAnonymous(false);
    setName('');
    setPhone('');
    setEmail('');
    setNik('');
    setFiles([]);
    key.current = crypto.randomUUID();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || !channel) {
      setProblem(t('desk.required'));
      return;
    }
    const reporter = anonymous
      ? undefined
      : Object.fromEntries(
          Object.entries({ name, phone, email, nik })
            .map(([k, v]) => [k, v.trim()])
            .filter(([, v]) => v),
        );
    const body = {
      channel,
      text: text.trim(),
      private: isPrivate,
      anonymous,
      ...(address.trim() ? { address: address.trim() } : {}),
      ...(category ? { category } : {}),
      ...(reporter && Object.keys(reporter).length ? { reporter } : {}),
    };
    setBusy(true);
    setProblem(null);
    try {
      const created = await fileAtDesk(body, files, key.current);
      setReceipt({
        ticket: created.ticket,
        citizenToken: created.citizenToken,
        channel,
        at: new Date().toISOString(),
        category: category || null,
        bySms: created.receiptBySms,
      });
      clearForm();
    } catch (error) {
      setProblem(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    const ch = me.channels.find((c) => c.code === receipt.channel);
    const cat = categories.find((c) => c.code === receipt.category);
    return (
      <section className="staff-receipt" aria-labelledby="receipt-title" ref={receiptRef} tabIndex={-1}>
        <h1 id="receipt-title">{t('desk.receiptTitle')}</h1>
        <p className="staff-receipt__ticket">{receipt.ticket}</p>
        <dl className="staff-facts">
          <dt>{t('desk.receiptWhen')}</dt>
          <dd>{formatDateTime(receipt.at)}</dd>
          <dt>{t('desk.channel')}</dt>
          <dd>{ch ? pick(ch.name) : receipt.channel}</dd>
          {cat && (
            <>
              <dt>{t('desk.category')}</dt>
              <dd>{pick(cat.name)}</dd>
            </>
          )}
          <dt>{t('desk.receiptOffice')}</dt>
          <dd>{me.unit?.name ?? me.user.unitId}</dd>
          <dt>{t('desk.receiptToken')}</dt>
          <dd>
            <code className="staff-token">{receipt.citizenToken}</code>
          </dd>
        </dl>
        <p>{t('desk.receiptHowTo', { origin: window.location.origin })}</p>
        {receipt.bySms && <p>{t('desk.receiptSms')}</p>}
        <div className="staff-form-buttons staff-no-print">
          <Button onClick={() => window.print()}>{t('desk.print')}</Button>
          <Button variant="secondary" onClick={() => setReceipt(null)}>
            {t('desk.another')}
          </Button>
        </div>
      </section>
    );
  }

  const modes = mayFileNews && (
    <div className="staff-mode staff-no-print" role="group" aria-label={t('media.mode')}>
      {(['citizen', 'news'] as const).map((m) => (
        <Button
          key={m}
          variant={mode === m ? 'primary' : 'secondary'}
          aria-pressed={mode === m}
          onClick={() => setMode(m)}
        >
          {t(m === 'citizen' ? 'media.modeCitizen' : 'media.modeNews')}
        </Button>
      ))}
    </div>
  );

  if (mode === 'news')
    return (
      <section aria-labelledby="desk-title" className="staff-desk">
        <h1 id="desk-title">{t('media.title')}</h1>
        {modes}
        <MediaDesk me={me} categories={categories} />
      </section>
    );

  return (
    <section aria-labelledby="desk-title" className="staff-desk">
      <h1 id="desk-title">{t('desk.title')}</h1>
      {modes}
      <p>{t('desk.intro')}</p>
      {problem && (
        <Notice kind="error" live>
          <p>{problem}</p>
        </Notice>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate className="staff-desk__form">
        <div className="staff-card">
          <Field label={t('desk.channel')}>
            {(props) => (
              <select {...props} value={channel} onChange={(e) => setChannel(e.target.value)} required>
                {channels.map((c) => (
                  <option key={c.code} value={c.code}>
                    {pick(c.name)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <ReportFields
            textLabel={t('desk.text')}
            textHint={t('desk.textHint')}
            text={text}
            onText={setText}
            address={address}
            onAddress={setAddress}
            category={category}
            onCategory={setCategory}
            categories={categories}
          />
          <Field label={t('desk.photos')}>
            {(props) => (
              <input
                {...props}
                type="file"
                accept="image/jpeg,image/png,image/webp"
                multiple
                onChange={(e) => setFiles([...(e.target.files ?? [])])}
              />
            )}
          </Field>
          <label className="staff-check">
            <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} />{' '}
            {t('desk.private')}
          </label>
        </div>
        <fieldset className="staff-card">
          <legend>{t('desk.citizen')}</legend>
          <p className="staff-sub">{t('desk.citizenHint')}</p>
          <label className="staff-check">
            <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />{' '}
            {t('desk.anonymous')}
          </label>
          {!anonymous && (
            <div className="staff-desk__identity">
              <Field label={t('desk.name')}>
                {(props) => (
                  <input
                    {...props}
                    type="text"
                    autoComplete="off"
                    maxLength={120}
                    value={name}
                    onChange={(e) => setName(e.target.value)}
                  />
                )}
              </Field>
              <Field label={t('desk.phone')}>
                {(props) => (
                  <input
                    {...props}
                    type="tel"
                    autoComplete="off"
                    value={phone}
                    onChange={(e) => setPhone(e.target.value)}
                  />
                )}
              </Field>
              <Field label={t('desk.email')}>
                {(props) => (
                  <input
                    {...props}
                    type="email"
                    autoComplete="off"
                    value={email}
                    onChange={(e) => setEmail(e.target.value)}
                  />
                )}
              </Field>
              <Field label={t('desk.nik')}>
                {(props) => (
                  <input
                    {...props}
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    value={nik}
                    onChange={(e) => setNik(e.target.value)}
                  />
                )}
              </Field>
            </div>
          )}
        </fieldset>
        <Button type="submit" disabled={busy}>
          {busy ? t('actions.busy') : t('desk.submit')}
        </Button>
      </form>
    </section>
  );
}
