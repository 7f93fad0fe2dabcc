import type { EvidenceFlag } from '../../domain/evidence-flags.js';
import type { Text } from '../../domain/text.js';
import type { EvidenceFlagRow } from '../../store/evidence-flag-repository.js';
import { iso } from './read-schemas.js';
import type { EvidenceFlagT } from './staff/staff-schema.js';

/** A stored flag as staff see it: the code, the evidence, and a sentence in both languages. */
export function evidenceFlagView(row: EvidenceFlagRow, utcOffsetMinutes: number): EvidenceFlagT {
  const flag = { code: row.code, level: row.level, detail: row.detail } as EvidenceFlag;
  return {
    attachmentId: row.attachment_id,
    code: row.code,
    level: row.level,
    message: evidenceFlagMessage(flag, (iso) => localTime(iso, utcOffsetMinutes)),
    detail: flag.detail,
    flaggedAt: iso(row.created_at),
  };
}

const ROLE: Record<'report' | 'evidence', Text> = {
  report: { id: 'foto laporan warga', en: 'the citizen’s report photo' },
  evidence: { id: 'bukti tindak lanjut', en: 'follow-up evidence' },
};

/** The photo of the flagged report itself that came back on a later one. */
const THIS_REPORTS: Record<'report' | 'evidence', Text> = {
  report: { id: 'Foto laporan warga pada laporan ini', en: 'The citizen’s report photo on this report' },
  evidence: { id: 'Bukti tindak lanjut pada laporan ini', en: 'Follow-up evidence on this report' },
};

export function evidenceFlagMessage(flag: EvidenceFlag, time: (iso: string) => string): Text {
  switch (flag.code) {
    case 'duplicate_file': {
      const { ticket, role, usedAt } = flag.detail;
      return {
        id: `Berkas foto sama persis dengan ${ROLE[role].id} pada laporan ${ticket} (diunggah ${time(usedAt)}).`,
        en: `The photo file is byte-identical to ${ROLE[role].en} on report ${ticket} (uploaded ${time(usedAt)}).`,
      };
    }
    case 'similar_photo': {
      const { ticket, role, usedAt, distance } = flag.detail;
      return {
        id: `Foto hampir sama dengan ${ROLE[role].id} pada laporan ${ticket} (diunggah ${time(usedAt)}; beda ${distance} dari 64 bit), mungkin diedit, dipotong atau disimpan ulang.`,
        en: `The photo nearly matches ${ROLE[role].en} on report ${ticket} (uploaded ${time(usedAt)}; ${distance} of 64 bits differ), possibly edited, cropped or re-saved.`,
      };
    }
    case 'reused_later_on': {
      const { ticket, role, usedAt, sameFile, distance } = flag.detail;
      const photo = THIS_REPORTS[role];
      const how = sameFile
        ? { id: 'berkas sama persis', en: 'byte-identical file' }
        : { id: `beda ${distance} dari 64 bit`, en: `${distance} of 64 bits differ` };
      return {
        id: `${photo.id} kemudian dipakai lagi sebagai bukti tindak lanjut pada laporan ${ticket} (diunggah ${time(usedAt)}; ${how.id}).`,
        en: `${photo.en} was later used again as follow-up evidence on report ${ticket} (uploaded ${time(usedAt)}; ${how.en}).`,
      };
    }
    case 'taken_before_report': {
      const { takenAt, reportCreatedAt } = flag.detail;
      return {
        id: `Menurut kamera, foto diambil ${time(takenAt)}, sebelum laporan dibuat (${time(reportCreatedAt)}).`,
        en: `The camera says the photo was taken ${time(takenAt)}, before the report was made (${time(reportCreatedAt)}).`,
      };
    }
    case 'taken_in_future': {
      const { takenAt, receivedAt } = flag.detail;
      return {
        id: `Waktu pengambilan foto (${time(takenAt)}) lebih lambat dari waktu unggah (${time(receivedAt)}); jam kamera salah atau waktu diubah.`,
        en: `The capture time (${time(takenAt)}) is later than the upload (${time(receivedAt)}); the camera clock is wrong or the time was altered.`,
      };
    }
    case 'taken_far_away': {
      const km = (flag.detail.distanceMeters / 1000).toFixed(1);
      const limit = (flag.detail.limitMeters / 1000).toFixed(1);
      return {
        id: `Lokasi GPS foto berjarak ${km} km dari lokasi laporan (batas ${limit} km).`,
        en: `The photo’s GPS position is ${km} km from the report’s location (limit ${limit} km).`,
      };
    }
    case 'generator_software': {
      const names = flag.detail.software.join(', ');
      return {
        id: `Metadata foto menyebut pembuat gambar AI/generatif: ${names}.`,
        en: `The photo’s metadata names an AI/generative image tool: ${names}.`,
      };
    }
    case 'editing_software': {
      const names = flag.detail.software.join(', ');
      return {
        id: `Foto telah diolah dengan perangkat lunak penyunting: ${names}.`,
        en: `The photo was processed with editing software: ${names}.`,
      };
    }
    case 'no_camera_metadata':
      return {
        id: 'Foto tidak memuat data kamera (merek, waktu, lokasi); umum untuk foto yang diteruskan lewat aplikasi pesan.',
        en: 'The photo carries no camera data (make, time, location); common for photos forwarded through chat apps.',
      };
    default:
      return { id: 'Tanda integritas bukti', en: 'Evidence integrity flag' };
  }
}

/** "2026-11-20 09:15 (UTC+07:00)" in the city's zone. */
export function localTime(iso: string, offsetMinutes: number): string {
  const date = new Date(new Date(iso).getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} (${zone})`;
}
