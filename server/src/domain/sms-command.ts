/**
 * What a text message asks, for feature phones (Jakarta's SMS channel): `LAPOR <teks>` files a new report,
 * `CEK <tiket>` asks for a report's status (`CEK` alone: the sender's newest), `BATAL <tiket>` withdraws one while
 * nobody has acted on it, `INFO` (or `BANTUAN`, `HELP`) explains the keywords. Anything else is a report in the
 * sender's own words (which may join their open report: services/intake/join-open-report.ts). Keywords are
 * case-insensitive and may be followed by a colon, a comma or a full stop, as people type them.
 */
export type SmsCommand =
  | { kind: 'report'; text: string; intent?: 'new' }
  | { kind: 'status'; ticket: string | null }
  | { kind: 'withdraw'; ticket: string | null }
  | { kind: 'help' };

const KEYWORD = /^\s*([A-Za-z]+)(?:\s*[:.,;-]\s*|\s+|$)([\s\S]*)$/;

/** A ticket as people type it: any case, spaces or dashes inside (`jk 261207 0001`). */
export function ticketIn(text: string, prefix: string): string | null {
  const compact = text.replace(/[\s-]/g, '').toUpperCase();
  const match = new RegExp(`^${prefix}\\d{10,}$`).exec(compact);
  return match ? match[0] : null;
}

/**
 * The first ticket named anywhere in a message ("tambahan untuk JK2612070001: …"), as people type it: any case,
 * a space or a dash between its prefix, date and serial. Null when none.
 */
export function ticketNamedIn(text: string, prefix: string): string | null {
  const p = prefix.replace(/[^A-Za-z0-9]/g, '');
  if (!p) return null;
  const match = new RegExp(`(?:^|[^A-Za-z0-9])(${p})[\\s-]?(\\d{6})[\\s-]?(\\d{4,})(?![0-9])`, 'i').exec(
    text,
  );
  return match ? `${match[1]!.toUpperCase()}${match[2]}${match[3]}` : null;
}

export function parseSmsCommand(message: string, ticketPrefix: string): SmsCommand {
  const match = KEYWORD.exec(message);
  const keyword = match?.[1]!.toUpperCase();
  const rest = (match?.[2] ?? '').trim();
  switch (keyword) {
    case 'LAPOR':
      return rest ? { kind: 'report', text: rest, intent: 'new' } : { kind: 'help' };
    case 'CEK':
      if (!rest) return { kind: 'status', ticket: null };
      return { kind: 'status', ticket: ticketIn(rest, ticketPrefix) ?? rest.toUpperCase() };
    case 'BATAL':
      return { kind: 'withdraw', ticket: rest ? (ticketIn(rest, ticketPrefix) ?? rest.toUpperCase()) : null };
    case 'INFO':
    case 'BANTUAN':
    case 'HELP':
      if (!rest) return { kind: 'help' };
      break;
  }
  const text = message.trim();
  return text ? { kind: 'report', text } : { kind: 'help' };
}
