import { useTranslation } from 'react-i18next';
import { Link } from '../router';
import { WaitingReports } from './WaitingReports';

const TILES = [
  { to: '/lapor', title: 'home.report', hint: 'home.reportHint' },
  { to: '/saya', title: 'home.mine', hint: 'home.mineHint' },
  { to: '/cek', title: 'home.lookup', hint: 'home.lookupHint' },
  { to: '/jakrespons', title: 'home.public', hint: 'home.publicHint' },
] as const;

export function Home() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p className="muted">{t('app.tagline')}</p>
      <WaitingReports />
      <ul className="home-grid">
        {TILES.map((tile) => (
          <li key={tile.to}>
            <Link to={tile.to} className="home-tile">
              <strong>{t(tile.title)}</strong>
              <span>{t(tile.hint)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
