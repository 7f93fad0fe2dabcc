import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import Supercluster from 'supercluster';
import { navigate } from '../router';
import { Notice } from '../ui';
import { homeBounds, createBaseMap } from './base-map';

type Bilingual = { id: string; en: string };

/** What a map needs of a report: the public feed's items and the staff queue's rows both have it. */
export interface MapReport {
  ticket: string;
  status: { code: string; label: Bilingual };
  category: string;
  kelurahan: { name: string } | null;
  location: { lat: number; lng: number } | null;
  text?: string | null;
}
type Item = MapReport;

/** The reports at one point (the public feed gives each report its kelurahan's interior point, never its own). */
interface Place {
  key: string;
  lat: number;
  lng: number;
  kelurahan: string;
  items: Item[];
}
type PlaceProps = { place: number; count: number };
type ClusterProps = { count: number };

const MAX_ZOOM = 17;
/** Reports listed in one place's pop-up; the list view pages through the rest. */
const POPUP_ITEMS = 10;

function placesOf(items: Item[]): Place[] {
  const places = new Map<string, Place>();
  for (const item of items) {
    if (!item.location) continue;
    const key = `${item.location.lat},${item.location.lng}`;
    const place = places.get(key) ?? {
      key,
      lat: item.location.lat,
      lng: item.location.lng,
      kelurahan: item.kelurahan?.name ?? '',
      items: [],
    };
    place.items.push(item);
    places.set(key, place);
  }
  return [...places.values()];
}

/**
 * A marker's name for screen readers and its tooltip: a button's name would otherwise be its text, the bare count.
 * (Leaflet makes an interactive marker a focusable role="button"; Enter opens it like a click.)
 */
function named(marker: L.Marker, name: string) {
  const element = marker.getElement();
  element?.setAttribute('aria-label', name);
  element?.setAttribute('title', name);
}

/** A count in a circle. */
function countIcon(count: number, kind: 'place' | 'cluster') {
  const size = count >= 100 ? 52 : count >= 10 ? 46 : 40;
  const element = document.createElement('span');
  element.textContent = String(count);
  return L.divIcon({
    html: element,
    className: `map-count map-count--${kind}`,
    iconSize: [size, size],
  });
}

/**
 * Reports on a map (JakRespons; the staff console's queue): the reports loaded so far, grouped by place, places
 * clustered (supercluster) so that a phone draws a few dozen markers at most. A cluster zooms in; a place opens
 * the list of its reports, each a link to the report (`href`); with `openAlone`, a place of one report opens
 * that report straight away. It shows only what it is given: the caller's audience decides.
 */
export default function ReportsMap({
  items,
  categoryName,
  statusName,
  href = (ticket) => `/laporan/${ticket}`,
  openAlone = false,
}: {
  items: Item[];
  categoryName: (code: string) => string;
  statusName: (label: Bilingual) => string;
  href?: (ticket: string) => string;
  openAlone?: boolean;
}) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const config = useRef<Awaited<ReturnType<typeof createBaseMap>>['config'] | null>(null);

  useEffect(() => {
    let cancelled = false;
    createBaseMap(element.current!, {
      label: t('map.reportsLabel'),
      zoomIn: t('map.zoomIn'),
      zoomOut: t('map.zoomOut'),
    }).then(
      (made) => {
        if (cancelled) return made.map.remove();
        map.current = made.map;
        config.current = made.config;
        layer.current = L.layerGroup().addTo(made.map);
        made.map.fitBounds(homeBounds(made.config));
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

  const places = placesOf(items);
  const located = places.reduce((sum, p) => sum + p.items.length, 0);

  useEffect(() => {
    const m = map.current;
    const group = layer.current;
    if (!ready || !m || !group) return;
    const index = new Supercluster<PlaceProps, ClusterProps>({
      radius: 56,
      maxZoom: MAX_ZOOM - 1,
      map: (p) => ({ count: p.count }),
      reduce: (into, p) => {
        into.count += p.count;
      },
    });
    index.load(
      places.map((place, i) => ({
        type: 'Feature' as const,
        properties: { place: i, count: place.items.length },
        geometry: { type: 'Point' as const, coordinates: [place.lng, place.lat] },
      })),
    );

    const popupFor = (place: Place) => {
      // built from elements, not markup: the texts are the citizens' own words (redacted)
      const box = document.createElement('div');
      box.className = 'map-popup';
      const title = document.createElement('p');
      title.className = 'map-popup__title';
      title.textContent = t('map.placeTitle', { place: place.kelurahan, count: place.items.length });
      box.append(title);
      const list = document.createElement('ul');
      for (const item of place.items.slice(0, POPUP_ITEMS)) {
        const entry = document.createElement('li');
        const link = document.createElement('a');
        link.href = href(item.ticket);
        link.textContent = item.ticket;
        link.addEventListener('click', (e) => {
          if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
          e.preventDefault();
          navigate(href(item.ticket));
        });
        const about = document.createElement('span');
        about.textContent = ` · ${statusName(item.status.label)} · ${categoryName(item.category)}`;
        entry.append(link, about);
        if (item.text) {
          const text = document.createElement('span');
          text.className = 'map-popup__text';
          text.textContent = item.text;
          entry.append(text);
        }
        list.append(entry);
      }
      box.append(list);
      if (place.items.length > POPUP_ITEMS) {
        const more = document.createElement('p');
        more.textContent = t('map.moreInList', { count: place.items.length - POPUP_ITEMS });
        box.append(more);
      }
      return box;
    };

    // every place at once (a few hundred at most: one per kelurahan), redrawn when the zoom changes only, so
    // that a pop-up's own panning does not take its marker away
    const draw = () => {
      group.clearLayers();
      const zoom = Math.round(m.getZoom());
      for (const feature of index.getClusters([-180, -85, 180, 85], zoom)) {
        const [lng, lat] = feature.geometry.coordinates as [number, number];
        const props = feature.properties;
        if ('cluster' in props && props.cluster) {
          const clusterId = props.cluster_id;
          const marker = L.marker([lat, lng], {
            icon: countIcon(props.count, 'cluster'),
            keyboard: true,
          });
          marker.on('click', () => {
            m.setView([lat, lng], Math.min(index.getClusterExpansionZoom(clusterId), MAX_ZOOM));
          });
          group.addLayer(marker);
          named(marker, t('map.clusterTitle', { count: props.count }));
        } else {
          const place = places[(props as PlaceProps).place]!;
          const marker = L.marker([lat, lng], {
            icon: countIcon(place.items.length, 'place'),
            keyboard: true,
          });
          const alone = openAlone && place.items.length === 1 ? place.items[0]! : null;
          if (alone) {
            marker.on('click', () => navigate(href(alone.ticket)));
            // Leaflet turns Enter into a click only for a marker with a pop-up
            marker.on('keypress', (e: L.LeafletKeyboardEvent) => {
              if (e.originalEvent.key === 'Enter') navigate(href(alone.ticket));
            });
            group.addLayer(marker);
            named(
              marker,
              // the count the marker shows comes first: a name must hold the visible text (WCAG 2.5.3)
              t('map.openOne', {
                place: place.kelurahan,
                ticket: alone.ticket,
                status: statusName(alone.status.label),
                category: categoryName(alone.category),
              }),
            );
            continue;
          }
          marker.bindPopup(() => popupFor(place), {
            // the pop-up with its margins (~45 px) fits beside the zoom buttons, even at 360 px
            maxWidth: Math.min(260, m.getSize().x - 140),
            closeButton: true,
            // clear of the zoom buttons
            autoPanPaddingTopLeft: L.point(60, 12),
            autoPanPaddingBottomRight: L.point(12, 12),
          });
          group.addLayer(marker);
          named(marker, t('map.placeTitle', { place: place.kelurahan, count: place.items.length }));
        }
      }
    };
    draw();
    m.on('zoomend', draw);
    if (places.length > 0) {
      const bounds = L.latLngBounds(places.map((p) => [p.lat, p.lng] as [number, number]));
      // not animated: a map unmounted during Leaflet's zoom animation throws (reading '_leaflet_pos')
      m.fitBounds(bounds.pad(0.2), { maxZoom: 15, animate: false });
    } else if (config.current) m.fitBounds(homeBounds(config.current), { animate: false });
    return () => {
      m.off('zoomend', draw);
    };
  }, [ready, items]);

  return (
    <div className="stack">
      {failed && <Notice kind="warn">{t('map.failed')}</Notice>}
      <div ref={element} className="map map--reports" data-testid="reports-map" />
      {ready && (
        <p className="small muted" aria-live="polite">
          {t('map.shown', { count: located })}
        </p>
      )}
    </div>
  );
}
