import { useTranslation } from 'react-i18next';
import { Button, Notice } from '../ui';
import { RequestFailed } from './api';
import { pick } from './i18n';

/** A failed request in plain words: the server's own bilingual message, else what to do about it. */
export function errorText(error: unknown, t: (key: string) => string): string {
  if (error instanceof RequestFailed) {
    if (error.text) return pick(error.text);
    if (error.status === 0) return t('app.offline');
  }
  if (error instanceof TypeError) return t('app.offline');
  return t('app.error');
}

export function LoadFailed({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Notice kind="error" live>
      <p>{errorText(error, t)}</p>
      {retry && (
        <Button variant="secondary" onClick={retry}>
          {t('app.retry')}
        </Button>
      )}
    </Notice>
  );
}
