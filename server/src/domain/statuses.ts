import type { Text } from './text.js';

export const STATUSES = [
  'menunggu',
  'koordinasi',
  'disposisi',
  'proses',
  'ews',
  'menunggu_validasi',
  'selesai',
  'ditolak',
  'dicabut',
  'digabung',
] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses in which the report still waits for the city to act; SLA clocks and escalation run only here. */
export const OPEN_STATUSES: ReadonlySet<Status> = new Set([
  'menunggu',
  'koordinasi',
  'disposisi',
  'proses',
  'ews',
]);
export const FINAL_STATUSES: ReadonlySet<Status> = new Set(['selesai', 'ditolak', 'dicabut', 'digabung']);

export const STATUS_LABELS: Record<Status, Text> = {
  menunggu: { id: 'Menunggu', en: 'Waiting' },
  koordinasi: { id: 'Koordinasi', en: 'Coordination' },
  disposisi: { id: 'Disposisi', en: 'Delegated' },
  proses: { id: 'Proses', en: 'In progress' },
  ews: { id: 'EWS (Estimasi Waktu Selesai)', en: 'Extended (estimated completion)' },
  menunggu_validasi: { id: 'Menunggu validasi dan verifikasi', en: 'Awaiting verification' },
  selesai: { id: 'Selesai', en: 'Done' },
  ditolak: { id: 'Ditolak', en: 'Rejected' },
  dicabut: { id: 'Dicabut', en: 'Withdrawn' },
  digabung: { id: 'Digabung', en: 'Merged' },
};

/** Colours published by JAKI where known; the rest follow the same traffic-light logic. */
export const STATUS_COLOURS = {
  menunggu: 'red',
  koordinasi: 'orange',
  disposisi: 'orange',
  proses: 'yellow',
  ews: 'yellow',
  menunggu_validasi: 'blue',
  selesai: 'green',
  ditolak: 'grey',
  dicabut: 'grey',
  digabung: 'grey',
} as const satisfies Record<Status, string>;

export function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}
