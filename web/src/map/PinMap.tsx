import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../ui';
import { homeBounds, createBaseMap } from './base-map';

/** The pin's zoom: a street or two around it (server/test/browser/report-map.test.ts drags by this scale). */
export const PIN_ZOOM = 16;
/** Where a pin picked without GPS starts: the city's middle, a few kelurahan around it. */
const PICK_ZOOM = 13;
/** Pixels an arrow key moves the pin. */
const KEY_STEP = 12;

export interface PinPosition {
  lat: number;
  lng: number;
}

/**
 * Where the problem is, on a map: the GPS fix with its accuracy circle, and a pin the citizen drags (or moves with
 * the arrow keys, or by tapping the map) to the exact spot. Without a fix the pin starts in the middle of the city.
 * `onMove` gets the pin's new place after each move.
 */
export default function PinMap({
  gps,
  pin,
  onMove,
}: {
  gps: { lat: number; lng: number; accuracy: number } | null;
  pin: PinPosition | null;
  onMove: (to: PinPosition) => void;
}) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const marker = useRef<L.Marker | null>(null);
  const circle = useRef<L.Circle | null>(null);
  const map = useRef<L.Map | null>(null);
  const moved = useRef(onMove);
  moved.current = onMove;
  const [failed, setFailed] = useState(false);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    createBaseMap(element.current!, {
      label: t('map.pinLabel'),
      zoomIn: t('map.zoomIn'),
      zoomOut: t('map.zoomOut'),
    }).then(
      ({ map: m, config }) => {
        if (cancelled) return m.remove();
        map.current = m;
        const start = pin ?? gps;
        // without a fix: the middle of the city, close enough to see its kelurahan
        if (start) m.setView([start.lat, start.lng], PIN_ZOOM);
        else m.setView(homeBounds(config).getCenter(), PICK_ZOOM);
        const at = start ? L.latLng(start.lat, start.lng) : m.getCenter();
        const shape = document.createElement('span');
        shape.className = 'map-pin';
        const pinMarker = L.marker(at, {
          draggable: true,
          autoPan: true,
          keyboard: true,
          title: t('map.pinTitle'),
          icon: L.divIcon({
            html: shape,
            className: 'map-pin-holder',
            iconSize: [32, 32],
            iconAnchor: [16, 38],
          }),
        }).addTo(m);
        marker.current = pinMarker;
        const report = () => {
          const where = pinMarker.getLatLng();
          moved.current({ lat: round(where.lat), lng: round(where.lng) });
        };
        pinMarker.on('dragend', report);
        m.on('click', (e: L.LeafletMouseEvent) => {
          pinMarker.setLatLng(e.latlng);
          report();
        });
        // the keyboard: arrows move the pin, not the map, while the pin has the focus
        pinMarker.getElement()!.addEventListener('keydown', (e) => {
          const step = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] }[e.key];
          if (!step) return;
          e.preventDefault();
          e.stopPropagation();
          const point = m.latLngToContainerPoint(pinMarker.getLatLng());
          pinMarker.setLatLng(
            m.containerPointToLatLng(point.add([step[0]! * KEY_STEP, step[1]! * KEY_STEP])),
          );
          m.panInside(pinMarker.getLatLng(), { padding: [40, 40] });
          report();
        });
        if (!start) report();
        setReady(true);
      },
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
      map.current?.remove();
      map.current = null;
    };
  }, []);

  // the GPS fix: the circle shows how far off it may be
  useEffect(() => {
    const m = map.current;
    if (!m || !gps) return;
    circle.current?.remove();
    circle.current = L.circle([gps.lat, gps.lng], {
      radius: gps.accuracy,
      color: '#0b57d0',
      weight: 2,
      fillOpacity: 0.15,
      interactive: false,
    }).addTo(m);
  }, [ready, gps?.lat, gps?.lng, gps?.accuracy]);

  return (
    <div className="stack">
      {failed && <Notice kind="warn">{t('map.failed')}</Notice>}
      <div ref={element} className="map map--pin" data-testid="pin-map" />
      <p className="field-hint">{t('map.pinHint')}</p>
    </div>
  );
}

/** Six decimals: about 10 cm, more than any phone knows. */
const round = (n: number) => Math.round(n * 1e6) / 1e6;
