import { STATUS_LABELS, type Status } from '../../domain/statuses.js';
import type { Text } from '../../domain/text.js';

export interface NotificationFacts {
  kind: 'received' | 'status_changed';
  status: Status;
  ticket: string;
  /** the event's note as the public may read it (masked when written), for a refusal or a return */
  note: string | null;
}

const WHAT_NEXT: Partial<Record<Status, Text>> = {
  koordinasi: {
    id: 'sedang dikoordinasikan dengan unit terkait',
    en: 'being coordinated with the unit concerned',
  },
  disposisi: { id: 'diteruskan ke unit yang berwenang', en: 'handed to the unit in charge' },
  proses: { id: 'sedang dikerjakan petugas', en: 'being worked on' },
  ews: {
    id: 'butuh waktu lebih lama; petugas memberi perkiraan waktu selesai',
    en: 'needs more time; the officers gave an estimated completion',
  },
  menunggu_validasi: {
    id: 'sudah ditindaklanjuti dan sedang diperiksa',
    en: 'followed up and being checked',
  },
  selesai: { id: 'SELESAI. Terima kasih atas laporan Anda', en: 'DONE. Thank you for your report' },
  ditolak: { id: 'DITOLAK', en: 'REJECTED' },
  digabung: {
    id: 'digabung dengan laporan lain tentang masalah yang sama',
    en: 'merged with another report of the same problem',
  },
  menunggu: {
    id: 'dikembalikan ke antrean dan menunggu tindak lanjut',
    en: 'back in the queue, waiting to be handled',
  },
};

/**
 * What a citizen is told on the channel they used, in plain words: the ticket on intake, then each status that
 * someone else gave their report. Short enough for SMS (channels/sms/sms-text.ts fits it to two segments).
 */
export function notificationText(facts: NotificationFacts): Text {
  const { ticket } = facts;
  if (facts.kind === 'received')
    return {
      id: `Laporan Anda diterima. No tiket ${ticket}. Simpan nomor ini; balas CEK ${ticket} untuk melihat status.`,
      en: `Your report was received. Ticket ${ticket}. Keep it; reply CEK ${ticket} for its status.`,
    };
  const sentence = notificationSentence(facts);
  return { id: `Laporan ${ticket}: ${sentence.id}`, en: `Report ${ticket}: ${sentence.en}` };
}

/** The news of a notification without its ticket: the second parameter of a WhatsApp template, say. */
export function notificationSentence(facts: NotificationFacts): Text {
  if (facts.kind === 'received')
    return {
      id: `diterima. Balas CEK ${facts.ticket} untuk melihat status.`,
      en: `received. Reply CEK ${facts.ticket} for its status.`,
    };
  const next = WHAT_NEXT[facts.status] ?? STATUS_LABELS[facts.status];
  const why =
    facts.note && (facts.status === 'ditolak' || facts.status === 'menunggu') ? ` ${facts.note}` : '';
  return { id: `${next.id}.${why}`, en: `${next.en}.${why}` };
}
