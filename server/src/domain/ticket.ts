/**
 * Ticket numbers like `JK2503050007`: a city prefix, the city-local creation date as YYMMDD (years 2000–2099)
 * and a daily serial of at least four digits, zero-padded, that simply widens past 9999 (`JK25030510000`).
 */

const PREFIX = /^[A-Z]{1,6}$/;
const TICKET_SHAPE = /^[A-Z]{1,6}\d{10,}$/;
const MIN_SERIAL_DIGITS = 4;

export function formatTicket(prefix: string, localDate: string, serial: number): string {
  assertPrefix(prefix);
  if (!Number.isSafeInteger(serial) || serial < 1) {
    throw new RangeError(`formatTicket: serial must be an integer >= 1, got ${serial}`);
  }
  const match = /^20(\d{2})-(\d{2})-(\d{2})$/.exec(localDate);
  if (match === null || !isRealDate(localDate)) {
    throw new RangeError(
      `formatTicket: localDate must be a valid 'YYYY-MM-DD' in 2000–2099, got '${localDate}'`,
    );
  }
  return `${prefix}${match[1]}${match[2]}${match[3]}${String(serial).padStart(MIN_SERIAL_DIGITS, '0')}`;
}

/**
 * The date and serial of a ticket with this prefix, or null when the ticket is malformed. Only the canonical
 * form is accepted (the one `formatTicket` writes): `JK25030500007` is rejected because the serial has a
 * needless leading zero, so every ticket has exactly one spelling.
 */
export function parseTicket(ticket: string, prefix: string): { localDate: string; serial: number } | null {
  assertPrefix(prefix);
  if (!ticket.startsWith(prefix)) return null;
  const match = /^(\d{2})(\d{2})(\d{2})(\d{4,})$/.exec(ticket.slice(prefix.length));
  if (match === null) return null;
  const [, yy = '', mm = '', dd = '', serialDigits = ''] = match;
  const localDate = `20${yy}-${mm}-${dd}`;
  const serial = Number(serialDigits);
  if (!isRealDate(localDate) || !Number.isSafeInteger(serial) || serial < 1) return null;
  if (String(serial).padStart(MIN_SERIAL_DIGITS, '0') !== serialDigits) return null;
  return { localDate, serial };
}

/** Shape only (1–6 uppercase letters, 6 date digits, 4+ serial digits): for spotting tickets in free text. */
export function looksLikeTicket(s: string): boolean {
  return TICKET_SHAPE.test(s);
}

function assertPrefix(prefix: string): void {
  if (!PREFIX.test(prefix))
    throw new RangeError(`Ticket prefix must be 1–6 uppercase letters, got '${prefix}'`);
}

function isRealDate(isoDate: string): boolean {
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === isoDate;
}
