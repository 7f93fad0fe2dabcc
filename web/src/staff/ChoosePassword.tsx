import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Field, Notice } from '../ui';
import { changePassword } from './api';
import { errorText } from './errors';

const MIN_LENGTH = 10;

/**
 * The first screen after signing in with a temporary password an administrator set (a new account, a reset): the
 * server allows nothing else until its holder chooses their own.
 */
export function ChoosePassword({ onChosen }: { onChosen: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [chosen, setChosen] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!current || !chosen) return setProblem(t('password.required'));
    if ([...chosen].length < MIN_LENGTH) return setProblem(t('password.tooShort', { min: MIN_LENGTH }));
    if (chosen !== again) return setProblem(t('password.mismatch'));
    setBusy(true);
    setProblem(null);
    try {
      await changePassword(current, chosen);
      onChosen();
    } catch (error) {
      setProblem(errorText(error, t));
      setBusy(false);
    }
  };

  const field = (label: string, name: string, value: string, set: (v: string) => void, hint?: string) => (
    <Field label={label} hint={hint}>
      {(props) => (
        <input
          {...props}
          name={name}
          type="password"
          autoComplete={name === 'current' ? 'current-password' : 'new-password'}
          value={value}
          onChange={(e) => set(e.target.value)}
          required
        />
      )}
    </Field>
  );

  return (
    <section className="staff-signin" aria-labelledby="password-title">
      <h1 id="password-title">{t('password.title')}</h1>
      <p>{t('password.intro')}</p>
      {problem && (
        <Notice kind="error" live>
          <p>{problem}</p>
        </Notice>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        {field(t('password.current'), 'current', current, setCurrent)}
        {field(t('password.new'), 'new', chosen, setChosen, t('password.newHint', { min: MIN_LENGTH }))}
        {field(t('password.again'), 'again', again, setAgain)}
        <Button type="submit" disabled={busy}>
          {busy ? t('password.busy') : t('password.submit')}
        </Button>
      </form>
    </section>
  );
}
