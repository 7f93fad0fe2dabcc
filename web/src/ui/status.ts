/** The official status colours (JAKI's where known; server/src/domain/statuses.ts is the source). */
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
} as const;

export type StatusColour = (typeof STATUS_COLOURS)[keyof typeof STATUS_COLOURS];

export const colourOf = (code: string): StatusColour =>
  STATUS_COLOURS[code as keyof typeof STATUS_COLOURS] ?? 'grey';
