import type { Insertable } from 'kysely';
import { hashBands } from '../../media/hash-bands.js';
import type { AttachmentTable, CropHashTable } from '../../store/schema.js';
import type { IngestedMedia } from './media-service.js';

export function attachmentRows(
  media: IngestedMedia[],
  reportId: string,
  role: 'report' | 'evidence',
  uploadedBy: string,
  at: Date,
): Insertable<AttachmentTable>[] {
  return media.map((m) => {
    const hash = m.fingerprint?.hash ?? null;
    const bands = hash ? hashBands(hash) : [];
    return {
      id: m.id,
      report_id: reportId,
      role,
      kind: m.kind,
      mime: m.mime,
      original_key: m.originalKey,
      public_key: m.publicKey,
      thumb_key: m.thumbKey,
      bytes: m.bytes,
      sha256: m.sha256,
      width: m.width,
      height: m.height,
      duration_seconds: m.durationSeconds,
      taken_at: m.capture.takenAt,
      taken_lat: m.capture.lat,
      taken_lng: m.capture.lng,
      uploaded_by: uploadedBy,
      created_at: at,
      phash: hash,
      phash_b0: bands[0] ?? null,
      phash_b1: bands[1] ?? null,
      phash_b2: bands[2] ?? null,
      phash_b3: bands[3] ?? null,
      processing: m.processing,
    };
  });
}

/** The stored crop views of evidence photos (fingerprintPhoto with `evidence`), one row per view. */
export function cropHashRows(media: IngestedMedia[]): Insertable<CropHashTable>[] {
  return media.flatMap((m) =>
    (m.fingerprint?.crops ?? []).map((phash, view) => {
      const [b0, b1, b2, b3] = hashBands(phash) as [number, number, number, number];
      return { attachment_id: m.id, view, phash, b0, b1, b2, b3 };
    }),
  );
}
