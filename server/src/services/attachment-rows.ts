import type { Insertable } from 'kysely';
import type { AttachmentTable } from '../store/schema.js';
import type { IngestedMedia } from './media-service.js';

export function attachmentRows(
  media: IngestedMedia[],
  reportId: string,
  role: 'report' | 'evidence',
  uploadedBy: string,
  at: Date,
): Insertable<AttachmentTable>[] {
  return media.map((m) => ({
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
  }));
}
