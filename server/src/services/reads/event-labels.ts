import type { ReportEventType } from '../../domain/report-events.js';
import type { Text } from '../../domain/text.js';

export const EVENT_LABELS: Record<ReportEventType, Text> = {
  created: { id: 'Laporan dibuat', en: 'Report created' },
  edited: { id: 'Laporan diubah oleh pelapor', en: 'Report edited by the reporter' },
  coordinated: { id: 'Dikoordinasikan ke unit lain', en: 'Passed to another unit' },
  delegated: { id: 'Didisposisikan', en: 'Delegated' },
  process_started: { id: 'Mulai ditindaklanjuti', en: 'Work started' },
  ews_set: { id: 'Estimasi waktu selesai ditetapkan', en: 'Completion date extended' },
  followed_up: { id: 'Tindak lanjut dilaporkan', en: 'Follow-up reported' },
  approved: { id: 'Tindak lanjut diverifikasi', en: 'Follow-up verified' },
  returned: { id: 'Dikembalikan untuk ditindaklanjuti ulang', en: 'Returned for more work' },
  rejected: { id: 'Laporan ditolak', en: 'Report rejected' },
  withdrawn: { id: 'Laporan dicabut pelapor', en: 'Withdrawn by the reporter' },
  rated: { id: 'Pelapor memberi penilaian', en: 'Rated by the reporter' },
  reopened: { id: 'Laporan dibuka kembali', en: 'Report reopened' },
  hidden: { id: 'Laporan disembunyikan dari publik', en: 'Hidden from the public' },
  removed: { id: 'Laporan dihapus dari daftar', en: 'Removed from listings' },
  shown: { id: 'Laporan ditampilkan kembali', en: 'Shown again' },
  note_added: { id: 'Catatan ditambahkan', en: 'Note added' },
  escalated: { id: 'Dieskalasi ke atasan karena melewati batas waktu', en: 'Escalated for being overdue' },
  merged: {
    id: 'Digabung dengan laporan lain yang sama',
    en: 'Merged into another report of the same problem',
  },
  recategorised: { id: 'Kategori laporan diperbaiki petugas', en: 'Category corrected by an officer' },
  merge_received: {
    id: 'Laporan serupa digabungkan ke laporan ini',
    en: 'A report of the same problem was merged into this one',
  },
};
