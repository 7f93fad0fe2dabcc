import { Component, type ComponentProps, lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../ui';

// The maps (Leaflet, the clustering, their styles) are a chunk of their own, fetched the first time a map is
// shown: the app's first load stays small (web/scripts/build-web.mjs prints both).
const ReportsMapChunk = lazy(() => import('./ReportsMap'));
const PinMapChunk = lazy(() => import('./PinMap'));

/** A map that cannot load (no connection the first time) leaves the rest of the screen working. */
class MapBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="small muted">
      {t('map.loading')}
    </p>
  );
}

function Failed() {
  const { t } = useTranslation();
  return <Notice kind="warn">{t('map.failed')}</Notice>;
}

export function ReportsMap(props: ComponentProps<typeof ReportsMapChunk>) {
  return (
    <MapBoundary fallback={<Failed />}>
      <Suspense fallback={<Loading />}>
        <ReportsMapChunk {...props} />
      </Suspense>
    </MapBoundary>
  );
}

export function PinMap(props: ComponentProps<typeof PinMapChunk>) {
  return (
    <MapBoundary fallback={<Failed />}>
      <Suspense fallback={<Loading />}>
        <PinMapChunk {...props} />
      </Suspense>
    </MapBoundary>
  );
}
