import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './map.css';
import { kelurahanOutlines, type MapConfig, mapConfig } from './map-data';

/** From this zoom the kelurahan's names are written on the map. */
const LABEL_ZOOM = 14;

export interface MapLabels {
  /** The map's name for screen readers (the element is a keyboard-operable region). */
  label: string;
  zoomIn: string;
  zoomOut: string;
}

/**
 * A Leaflet map whose base layer is the city's kelurahan outlines (drawn on one canvas: light on a cheap phone),
 * with a tile server's images under them only when the server names one (SIGAP_MAP_TILES_URL). Without it the map
 * asks no other host for anything.
 */
export async function createBaseMap(
  element: HTMLElement,
  labels: MapLabels,
  options: { maxZoom?: number } = {},
): Promise<{ map: L.Map; config: MapConfig }> {
  const [config, outlines] = await Promise.all([mapConfig(), kelurahanOutlines()]);
  const maxZoom = Math.min(options.maxZoom ?? 18, config.tiles?.maxZoom ?? 18);
  // people who asked their system for less motion get maps that jump instead of gliding and fading
  const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  const map = L.map(element, {
    preferCanvas: true,
    fadeAnimation: !still,
    zoomAnimation: !still,
    markerZoomAnimation: !still,
    zoomControl: false,
    attributionControl: false,
    maxZoom,
    minZoom: 9,
    zoomSnap: 1,
  });
  const [west, south, east, north] = config.bounds;
  map.setMaxBounds(L.latLngBounds([south - 0.5, west - 0.5], [north + 0.5, east + 0.5]));
  L.control.zoom({ zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut }).addTo(map);
  if (config.tiles) {
    L.tileLayer(config.tiles.url, { maxZoom: config.tiles.maxZoom }).addTo(map);
    // the credit is plain text from the server's settings, never markup
    const credit = L.control.attribution({ prefix: false }).addTo(map);
    credit.getContainer()!.textContent = config.tiles.attribution;
  }
  L.geoJSON(outlines, {
    interactive: false,
    style: () => ({
      color: '#0b4f8a',
      weight: 1,
      opacity: 0.7,
      fillColor: config.tiles ? '#0b4f8a' : '#e9eef4',
      fillOpacity: config.tiles ? 0.04 : 1,
    }),
  }).addTo(map);
  // the kelurahan's names where streets would be, from the zoom where they fit (no tiles: the only landmarks)
  const names = L.layerGroup(
    outlines.features
      .filter((f) => f.properties.label)
      .map((f) => {
        const [lng, lat] = f.properties.label!;
        const text = document.createElement('span');
        text.textContent = f.properties.name;
        return L.marker([lat, lng], {
          icon: L.divIcon({ html: text, className: 'map-label', iconSize: undefined }),
          interactive: false,
          keyboard: false,
        });
      }),
  );
  const showNames = () => {
    if (map.getZoom() >= LABEL_ZOOM) names.addTo(map);
    else names.remove();
  };
  map.on('zoomend', showNames);
  map.whenReady(showNames);
  const container = map.getContainer();
  container.setAttribute('role', 'region');
  container.setAttribute('aria-label', labels.label);
  return { map, config };
}

/** Where most of the city lies (outlying islands left out): a map's first view. */
export const homeBounds = (config: MapConfig) => {
  const [west, south, east, north] = config.home;
  return L.latLngBounds([south, west], [north, east]);
};
