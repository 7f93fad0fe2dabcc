import { STATUS_COLOURS } from '../../../server/src/domain/statuses';

/** The official status colours: one table, the server's domain (JAKI's colours where known). */
export { STATUS_COLOURS };

export type StatusColour = (typeof STATUS_COLOURS)[keyof typeof STATUS_COLOURS];

export const colourOf = (code: string): StatusColour =>
  (STATUS_COLOURS as Record<string, StatusColour | undefined>)[code] ?? 'grey';
