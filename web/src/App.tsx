import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, usePath } from './router';
import { Home } from './screens/Home';
import { JakRespons } from './screens/jakrespons/JakRespons';
import { Lookup } from './screens/lookup/Lookup';
import { MyReports } from './screens/mine/MyReports';
import { ReportPage } from './screens/mine/ReportPage';
import { ReportFlow } from './screens/report/ReportFlow';

const NAV = [
  { to: '/lapor', key: 'nav.report' },
  { to: '/saya', key: 'nav.mine' },
  { to: '/cek', key: 'nav.lookup' },
  { to: '/jakrespons', key: 'nav.public' },
] as const;

function screenFor(path: string) {
  const ticket = /^\/laporan\/([A-Za-z0-9]+)\/?$/.exec(path)?.[1];
  if (ticket) return <ReportPage key={ticket} ticket={ticket.toUpperCase()} />;
  switch (path.replace(/\/+$/, '') || '/') {
    case '/':
      return <Home />;
    case '/lapor':
      return <ReportFlow />;
    case '/saya':
      return <MyReports />;
    case '/cek':
      return <Lookup />;
    case '/jakrespons':
      return <JakRespons />;
    default:
      return null;
  }
}

export function App() {
  const { t, i18n } = useTranslation();
  const path = usePath();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // after a change of screen, the reader starts at its content (screen readers and keyboards alike)
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [path]);
  const screen = screenFor(path);
  const other = i18n.language === 'en' ? 'id' : 'en';
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="app-header">
        <div className="app-header__bar">
          <Link to="/" className="app-header__name">
            {t('app.name')}
          </Link>
          <button
            type="button"
            className="lang-switch"
            lang={other}
            onClick={() => void i18n.changeLanguage(other)}
          >
            {t('app.switchTo')}
          </button>
        </div>
      </header>
      <nav className="app-nav" aria-label={t('app.nav')}>
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <Link to={item.to} current={path === item.to || path.startsWith(`${item.to}/`)}>
                {t(item.key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={main} tabIndex={-1}>
        {screen ?? <p>{t('app.notFound')}</p>}
      </main>
    </>
  );
}
