/** What the citizen has written so far, across the three steps. */
export interface Draft {
  text: string;
  /** null: let the server's model (or, when unsure, an officer) decide. */
  category: string | null;
  /** the one photo or video, as it will be sent (a large photo already compressed) */
  photo: File | null;
  /** The GPS fix, with how far off it may be (metres). */
  gps: { lat: number; lng: number; accuracy: number } | null;
  /** The spot picked on the map (the pin, dragged from the GPS fix or placed without one); sent instead of gps. */
  pin: { lat: number; lng: number } | null;
  address: string;
  private: boolean;
  anonymous: boolean;
  name: string;
  phone: string;
  email: string;
  nik: string;
}

export const EMPTY_DRAFT: Draft = {
  text: '',
  category: null,
  photo: null,
  gps: null,
  pin: null,
  address: '',
  private: true,
  anonymous: false,
  name: '',
  phone: '',
  email: '',
  nik: '',
};

/** The same rules as the server's schema (server/src/services/intake/new-report-schema.ts). */
export const PHONE = /^\+?[0-9][0-9 ()-]{6,20}$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const NIK = /^[0-9 ]{16,19}$/;

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
/** The server's default photo limit (server/src/media/media-types.ts): what is sent, after compression. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** A JPEG or PNG this large is still taken: compressed on the phone (device/photo-compress.ts) below the limit. */
export const MAX_CHOSEN_PHOTO_BYTES = 40 * 1024 * 1024;
/** Videos the server takes (server/src/media/inspect.ts) and its default limits (media-types.ts). */
export const VIDEO_TYPES = ['video/mp4', 'video/quicktime', 'video/webm', 'video/3gpp'];
export const MAX_VIDEO_BYTES = 50 * 1024 * 1024;
export const MAX_VIDEO_SECONDS = 120;

/** A key for this draft's one report: a retried send files nothing new. Works outside secure contexts too. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
