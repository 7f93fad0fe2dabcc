import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Notice } from '../../ui';

/**
 * A temporary password, shown this once: it lives in the parent's memory only until "I have copied it" (never
 * in storage, a URL or the page's title), and the server sent it with Cache-Control: no-store.
 */
export function TemporaryPassword({
  username,
  password,
  sessionsEnded,
  onDone,
}: {
  username: string;
  password: string;
  sessionsEnded?: number;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copy, setCopy] = useState<'copied' | 'failed' | null>(null);
  useEffect(() => heading.current?.focus(), []);
  const copyIt = () =>
    navigator.clipboard.writeText(password).then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    );
  return (
    <section className="staff-card staff-password" aria-labelledby="temporary-title">
      <h2 id="temporary-title" ref={heading} tabIndex={-1}>
        {t('admin.accounts.passwordTitle', { username })}
      </h2>
      <Notice kind="warn">
        <p>
          <strong>{t('admin.accounts.passwordOnce')}</strong>
        </p>
      </Notice>
      <p className="staff-password__line">
        <span id="temporary-label">{t('admin.accounts.passwordLabel')}:</span>{' '}
        <code
          className="staff-password__value"
          aria-labelledby="temporary-label"
          data-testid="temporary-password"
        >
          {password}
        </code>
      </p>
      {sessionsEnded !== undefined && <p>{t('admin.accounts.sessionsEnded', { count: sessionsEnded })}</p>}
      <div className="staff-form-buttons">
        <Button variant="secondary" onClick={() => void copyIt()}>
          {t('admin.accounts.copy')}
        </Button>
        <Button onClick={onDone}>{t('admin.accounts.passwordDone')}</Button>
      </div>
      <p role="status">
        {copy === 'copied'
          ? t('admin.accounts.copied')
          : copy === 'failed'
            ? t('admin.accounts.copyFailed')
            : ''}
      </p>
    </section>
  );
}
