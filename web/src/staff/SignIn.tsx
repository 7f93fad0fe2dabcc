import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Field, Notice } from '../ui';
import { StaffRequestFailed, signIn } from './api';
import { errorText } from './errors';

/** Sign-in: the server's own message for a wrong password or a locked account, the lock's length in words. */
export function SignIn({ notice, onSignedIn }: { notice?: string; onSignedIn: () => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string[] | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setProblem([t('signIn.required')]);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await signIn(username.trim(), password);
      setPassword('');
      onSignedIn();
    } catch (error) {
      const lines = [errorText(error, t)];
      if (error instanceof StaffRequestFailed && error.status === 429) {
        const minutes = error.retryAfter ? Math.max(1, Math.ceil(error.retryAfter / 60)) : null;
        lines.push(minutes ? t('signIn.tooMany', { minutes }) : t('signIn.tooManySoon'));
      }
      setProblem(lines);
      setBusy(false);
    }
  };

  return (
    <section className="staff-signin" aria-labelledby="signin-title">
      <h1 id="signin-title">{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      {notice && (
        <Notice kind="ok" live>
          <p>{notice}</p>
        </Notice>
      )}
      {problem && (
        <Notice kind="error" live>
          {problem.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </Notice>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('signIn.username')}>
          {(props) => (
            <input
              {...props}
              name="username"
              type="text"
              autoComplete="username"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required
            />
          )}
        </Field>
        <Field label={t('signIn.password')}>
          {(props) => (
            <input
              {...props}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          )}
        </Field>
        <Button type="submit" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </Button>
      </form>
    </section>
  );
}
