import { ConfigError } from '../config-error.js';

/** A raster tile server for the web app's maps (SIGAP_MAP_TILES_URL); without one the maps draw outlines only. */
export interface MapTiles {
  /** A Leaflet URL template: https://tiles.example.go.id/{z}/{x}/{y}.png */
  url: string;
  /** Its origin, which the app page's content security policy allows images from. */
  origin: string;
  /** The credit the tiles' licence asks for, shown on the map (plain text). */
  attribution: string;
  maxZoom: number;
}

/**
 * SIGAP_MAP_TILES_URL (+ SIGAP_MAP_TILES_ATTRIBUTION, SIGAP_MAP_TILES_MAX_ZOOM): none by default, so that no page
 * of a fresh install asks another host for anything. One host only (no `{s}` subdomains): the page's policy names
 * it exactly.
 */
export function mapTilesOf(env: NodeJS.ProcessEnv = process.env): MapTiles | null {
  const url = env.SIGAP_MAP_TILES_URL?.trim();
  if (!url) return null;
  let parsed: URL | null = null;
  try {
    parsed = new URL(url.replace(/\{[xyz]\}/g, '0'));
  } catch {
    // not a URL
  }
  const placeholders = ['{z}', '{x}', '{y}'].every((p) => url.includes(p));
  if (!parsed || !/^https?:$/.test(parsed.protocol) || !placeholders || url.includes('{s}'))
    throw new ConfigError({
      id:
        `SIGAP_MAP_TILES_URL: "${url}" bukan templat ubin http(s) dengan {z}, {x} dan {y} pada satu host ` +
        '(tanpa {s}), mis. https://ubin.contoh.go.id/{z}/{x}/{y}.png',
      en:
        `SIGAP_MAP_TILES_URL: "${url}" is not an http(s) tile template with {z}, {x} and {y} on one host ` +
        '(no {s}), e.g. https://tiles.example.go.id/{z}/{x}/{y}.png',
    });
  const attribution = env.SIGAP_MAP_TILES_ATTRIBUTION?.trim();
  if (!attribution)
    throw new ConfigError({
      id: 'SIGAP_MAP_TILES_ATTRIBUTION wajib diisi bersama SIGAP_MAP_TILES_URL (kredit yang diminta lisensi ubin)',
      en: 'SIGAP_MAP_TILES_ATTRIBUTION is required with SIGAP_MAP_TILES_URL (the credit the tiles’ licence asks for)',
    });
  const maxZoom = Number(env.SIGAP_MAP_TILES_MAX_ZOOM ?? 19);
  if (!Number.isInteger(maxZoom) || maxZoom < 1 || maxZoom > 22)
    throw new ConfigError({
      id: `SIGAP_MAP_TILES_MAX_ZOOM harus bilangan bulat 1–22, bukan "${env.SIGAP_MAP_TILES_MAX_ZOOM}"`,
      en: `SIGAP_MAP_TILES_MAX_ZOOM must be a whole number 1–22, got "${env.SIGAP_MAP_TILES_MAX_ZOOM}"`,
    });
  return { url, origin: parsed.origin, attribution, maxZoom };
}
