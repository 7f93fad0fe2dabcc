import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, navigate, usePath } from '../router';
import { Button } from '../ui';
import { type Me, signOut, whoAmI } from './api';
import { Dashboard } from './Dashboard';
import { Desk } from './Desk';
import { Reveals } from './Reveals';
import { LoadFailed } from './errors';
import { Queue } from './Queue';
import { ReportScreen } from './ReportScreen';
import { ChoosePassword } from './ChoosePassword';
import { SignIn } from './SignIn';
import { Accounts } from './admin/Accounts';
import { CityConfig } from './admin/CityConfig';
import { FailedJobs } from './admin/FailedJobs';
import { MonitorOnly } from './MonitorOnly';
import { returnPathAfterSignIn } from './after-sign-in';

export const BASE = '/staff';

type Session =
  | { state: 'loading' }
  | { state: 'out'; notice?: string }
  | { state: 'in'; me: Me }
  | { state: 'failed'; error: unknown };

function screenFor(path: string, me: Me) {
  const ticket = /^\/staff\/laporan\/([A-Za-z0-9]+)\/?$/.exec(path)?.[1];
  if (ticket) return <ReportScreen key={ticket} ticket={ticket.toUpperCase()} me={me} />;
  const verifies = me.permissions.includes('queue.verification');
  switch (path.replace(/\/+$/, '')) {
    case BASE:
      return verifies && me.user.role === 'verifier' ? (
        <Queue mode="verify" me={me} />
      ) : (
        <Queue mode="unit" me={me} />
      );
    case `${BASE}/antrean`:
      return <Queue key="unit" mode="unit" me={me} />;
    case `${BASE}/dasbor`:
      return <Dashboard me={me} />;
    case `${BASE}/identitas`:
      return <Reveals />;
    case `${BASE}/meja`:
      return me.permissions.includes('intake.desk') ? <Desk me={me} /> : null;
    case `${BASE}/validasi`:
      return verifies ? <Queue key="verify" mode="verify" me={me} /> : null;
    case `${BASE}/admin/akun`:
      return me.permissions.includes('accounts.manage') ? <Accounts /> : null;
    case `${BASE}/admin/kota`:
      return me.permissions.includes('city.read') ? <CityConfig /> : null;
    case `${BASE}/admin/pekerjaan`:
      return me.permissions.includes('jobs.manage') ? <FailedJobs /> : null;
    default:
      return null;
  }
}

export function StaffApp() {
  const { t, i18n } = useTranslation();
  const path = usePath();
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  const load = useCallback(() => {
    setSession({ state: 'loading' });
    whoAmI().then(
      (me) => setSession(me ? { state: 'in', me } : { state: 'out' }),
      (error: unknown) => setSession({ state: 'failed', error }),
    );
  }, []);
  useEffect(load, [load]);
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [path]);

  const other = i18n.language === 'en' ? 'id' : 'en';
  // a temporary password allows nothing but choosing one's own: no menu until then
  const me = session.state === 'in' ? session.me : null;
  const working = me !== null && !me.user.mustChangePassword;
  const verifies = me?.permissions.includes('queue.verification') ?? false;
  const may = (permission: Me['permissions'][number]) => me?.permissions.includes(permission) ?? false;
  // a monitoring-room account has no console: no menu, one screen pointing at /monitor
  const usesConsole = may('staff.console');
  const nav = [
    { to: `${BASE}/antrean`, key: 'nav.queue', show: true },
    { to: `${BASE}/dasbor`, key: 'nav.dashboard', show: true },
    { to: `${BASE}/validasi`, key: 'nav.verify', show: verifies },
    { to: `${BASE}/identitas`, key: 'nav.reveal', show: true },
    { to: `${BASE}/meja`, key: 'nav.desk', show: me?.permissions.includes('intake.desk') ?? false },
    // administration: shown only to whom GET /api/v1/auth/me grants it (the API refuses everyone else anyway)
    { to: `${BASE}/admin/akun`, key: 'nav.accounts', show: may('accounts.manage') },
    { to: `${BASE}/admin/kota`, key: 'nav.city', show: may('city.read') },
    { to: `${BASE}/admin/pekerjaan`, key: 'nav.jobs', show: may('jobs.manage') },
  ].filter((n) => n.show);

  const leave = async () => {
    await signOut().catch(() => undefined);
    setSession({ state: 'out', notice: t('signIn.signedOut') });
    navigate(BASE);
  };

  let content;
  if (session.state === 'loading') content = <p>{t('app.loading')}</p>;
  else if (session.state === 'failed') content = <LoadFailed error={session.error} retry={load} />;
  else if (session.state === 'out')
    content = (
      <SignIn
        notice={session.notice}
        onSignedIn={() => {
          const back = returnPathAfterSignIn(location.search);
          if (back) location.assign(back);
          else load();
        }}
      />
    );
  else if (session.me.user.mustChangePassword) content = <ChoosePassword onChosen={load} />;
  else if (!usesConsole) content = <MonitorOnly />;
  else content = screenFor(path, session.me) ?? <p>{t('app.notFound')}</p>;

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="app-header staff-header">
        <div className="app-header__bar staff-bar">
          <Link to={BASE} className="app-header__name">
            {t('app.name')}
          </Link>
          {me && (
            <p className="staff-who">
              {t('app.signedInAs', {
                name: me.user.displayName,
                role: t(`roles.${me.user.role}`),
                unit: me.unit?.name ?? me.user.unitId,
              })}
            </p>
          )}
          <div className="staff-bar__end">
            <button
              type="button"
              className="lang-switch"
              lang={other}
              onClick={() => void i18n.changeLanguage(other)}
            >
              {t('app.switchTo')}
            </button>
            {me && (
              <Button variant="secondary" className="staff-signout" onClick={() => void leave()}>
                {t('app.signOut')}
              </Button>
            )}
          </div>
        </div>
      </header>
      {me && working && usesConsole && (
        <nav className="app-nav staff-nav" aria-label={t('app.nav')}>
          <ul>
            {nav.map((item) => (
              <li key={item.to}>
                <Link
                  to={item.to}
                  current={
                    path === item.to ||
                    (path.replace(/\/+$/, '') === BASE &&
                      item.to.endsWith(verifies && me.user.role === 'verifier' ? 'validasi' : 'antrean'))
                  }
                >
                  {t(item.key)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" ref={main} tabIndex={-1} className="staff-main">
        {content}
      </main>
    </>
  );
}
