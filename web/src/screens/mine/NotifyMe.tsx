import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  followReport,
  isFollowing,
  PushNotPossible,
  pushSupport,
  serverPushKey,
  unfollowReport,
} from '../../device/push';
import { Button, Notice } from '../../ui';
import { errorText } from '../ErrorText';

/**
 * "Beri tahu saya": this browser is told (Web Push) when the report's status changes. Shown only where the
 * browser can receive push and this server sends it; a browser that cannot, or where notifications are blocked,
 * is told so in one line instead of a button that would fail.
 */
export function NotifyMe({ ticket, token }: { ticket: string; token: string }) {
  const { t } = useTranslation();
  const [support] = useState(pushSupport);
  const [key, setKey] = useState<string | null>(null);
  const [following, setFollowing] = useState(() => isFollowing(ticket));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  useEffect(() => {
    if (support === 'unsupported') return;
    let live = true;
    void serverPushKey().then((k) => live && setKey(k));
    return () => {
      live = false;
    };
  }, [support]);

  if (support === 'unsupported') return <p className="small muted">{t('push.unsupported')}</p>;
  if (key === null) return null;
  if (support === 'blocked') return <p className="small muted">{t('push.blocked')}</p>;

  const toggle = async () => {
    setBusy(true);
    setProblem(null);
    try {
      if (following) await unfollowReport(ticket, token);
      else await followReport(ticket, token, key);
      setFollowing(!following);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="stack" aria-labelledby="notify-title">
      <h2 id="notify-title">{t('push.title')}</h2>
      <p className="small muted">{following ? t('push.following') : t('push.hint')}</p>
      <div className="btn-row">
        <Button variant={following ? 'secondary' : 'primary'} onClick={() => void toggle()} disabled={busy}>
          {following ? t('push.stop') : t('push.notifyMe')}
        </Button>
      </div>
      {problem !== null && (
        <Notice kind={problem instanceof PushNotPossible ? 'warn' : 'error'} live>
          {problem instanceof PushNotPossible
            ? t(problem.why === 'denied' ? 'push.denied' : 'push.failed')
            : errorText(problem, t)}
        </Notice>
      )}
    </section>
  );
}
