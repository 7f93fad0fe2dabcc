import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../router';
import { Button, Field } from '../../ui';

const TICKET = /^[A-Z]{1,6}[0-9]{10,}$/;

/** Cek tiket: any ticket number opens its page (private view when this device holds its token). */
export function Lookup() {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        const ticket = value.replace(/\s+/g, '').toUpperCase();
        if (!TICKET.test(ticket)) return setError(t('lookup.invalid'));
        navigate(`/laporan/${ticket}`);
      }}
    >
      <h1>{t('lookup.title')}</h1>
      <Field label={t('lookup.label')} hint={t('lookup.hint')} error={error}>
        {(props) => (
          <input
            {...props}
            type="text"
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
      </Field>
      <Button type="submit" block>
        {t('lookup.submit')}
      </Button>
    </form>
  );
}
