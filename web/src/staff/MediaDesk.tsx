import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cityToday } from '../city-time';
import { Button, Field, Notice } from '../ui';
import { type Category, fileFromNews, type Me, type NewsItemFiled, StaffRequestFailed } from './api';
import { errorText } from './errors';
import { ReportFields } from './ReportFields';
import { formatDateTime, pick } from './i18n';

interface Filed extends NewsItemFiled {
  outlet: string;
  publishedOn: string;
  url: string;
  at: string;
}

/**
 * Media monitoring ("Aspirasi Publik Media Massa"): a report written from a news item, with its link, outlet and
 * day of publication; no citizen's details (the newsroom is not the reporter). The server checks the link.
 */
export function MediaDesk({ me, categories }: { me: Me; categories: Category[] }) {
  const { t } = useTranslation();
  const channel = me.channels.find((c) => c.kind === 'media');
  const [text, setText] = useState('');
  const [url, setUrl] = useState('');
  const [outlet, setOutlet] = useState('');
  const [publishedOn, setPublishedOn] = useState(cityToday());
  const [address, setAddress] = useState('');
  const [category, setCategory] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  /** The server said this article was filed before: the monitor may file it again as another problem. */
  const [filedBefore, setFiledBefore] = useState(false);
  const [filed, setFiled] = useState<Filed | null>(null);
  const key = useRef(crypto.randomUUID());
  const receiptRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (filed) receiptRef.current?.focus();
  }, [filed]);

  const submit = async (e: FormEvent | null, sameArticleAgain = false) => {
    e?.preventDefault();
    if (!text.trim() || !url.trim() || !outlet.trim() || !publishedOn) {
      setProblem(t('media.required'));
      return;
    }
    setBusy(true);
    setProblem(null);
    setFiledBefore(false);
    try {
      const body = {
        text: text.trim(),
        url: url.trim(),
        outlet: outlet.trim(),
        publishedOn,
        private: isPrivate,
        ...(address.trim() ? { address: address.trim() } : {}),
        ...(category ? { category } : {}),
        sameArticleAgain,
      };
      const answer = await fileFromNews(body, key.current);
      setFiled({ ...answer, outlet: body.outlet, publishedOn, url: body.url, at: new Date().toISOString() });
      setText('');
      setUrl('');
      setOutlet('');
      setAddress('');
      setCategory('');
      setPrivate(false);
      key.current = crypto.randomUUID();
    } catch (error) {
      setProblem(errorText(error, t));
      setFiledBefore(error instanceof StaffRequestFailed && error.code === 'news_filed_before');
    } finally {
      setBusy(false);
    }
  };

  if (filed)
    return (
      <section className="staff-receipt" aria-labelledby="media-receipt-title" ref={receiptRef} tabIndex={-1}>
        <h2 id="media-receipt-title">{t('media.receiptTitle')}</h2>
        <p className="staff-receipt__ticket">{filed.ticket}</p>
        <dl className="staff-facts">
          <dt>{t('desk.receiptWhen')}</dt>
          <dd>{formatDateTime(filed.at)}</dd>
          <dt>{t('desk.channel')}</dt>
          <dd>{channel ? pick(channel.name) : '—'}</dd>
          <dt>{t('media.source')}</dt>
          <dd>
            {filed.outlet}, {filed.publishedOn}
            <span className="staff-sub staff-url">{filed.url}</span>
          </dd>
        </dl>
        <div className="staff-form-buttons staff-no-print">
          <Button onClick={() => window.print()}>{t('desk.print')}</Button>
          <Button variant="secondary" onClick={() => setFiled(null)}>
            {t('desk.another')}
          </Button>
        </div>
      </section>
    );

  return (
    <>
      <p>{t('media.intro')}</p>
      {!channel && (
        <Notice kind="warn">
          <p>{t('media.noChannel')}</p>
        </Notice>
      )}
      {problem && (
        <Notice kind={filedBefore ? 'warn' : 'error'} live>
          <p>{problem}</p>
          {filedBefore && (
            <Button type="button" disabled={busy} onClick={() => void submit(null, true)}>
              {t('media.fileAgain')}
            </Button>
          )}
        </Notice>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate className="staff-desk__form staff-desk__form--single">
        <div className="staff-card">
          <Field label={t('media.url')} hint={t('media.urlHint')}>
            {(props) => (
              <input
                {...props}
                type="url"
                inputMode="url"
                maxLength={2000}
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                required
              />
            )}
          </Field>
          <Field label={t('media.outlet')}>
            {(props) => (
              <input
                {...props}
                type="text"
                maxLength={200}
                value={outlet}
                onChange={(e) => setOutlet(e.target.value)}
                required
              />
            )}
          </Field>
          <Field label={t('media.publishedOn')}>
            {(props) => (
              <input
                {...props}
                type="date"
                max={cityToday()}
                value={publishedOn}
                onChange={(e) => setPublishedOn(e.target.value)}
                required
              />
            )}
          </Field>
          <ReportFields
            textLabel={t('media.text')}
            textHint={t('media.textHint')}
            text={text}
            onText={setText}
            address={address}
            onAddress={setAddress}
            category={category}
            onCategory={setCategory}
            categories={categories}
          />
          <label className="staff-check">
            <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} />{' '}
            {t('desk.private')}
          </label>
          <p className="staff-sub">{t('media.noIdentity')}</p>
        </div>
        <Button type="submit" disabled={busy || !channel}>
          {busy ? t('actions.busy') : t('media.submit')}
        </Button>
      </form>
    </>
  );
}
