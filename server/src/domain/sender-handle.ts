/**
 * How a sender is written before it is keyed (security/vault.ts#senderKeyOf), so that the same person is the
 * same key whichever way their handle was written: a phone in any Indonesian form (0812…, +62 812…, 62-812…)
 * becomes `phone:62812…`; an e-mail is lower-cased (`email:ani@contoh.id`); any other handle is kept per channel
 * (`telegram:@ani_j`, case-insensitive). Null when nothing usable is left.
 */
export function normaliseSenderHandle(
  kind: 'phone' | 'email' | 'handle',
  value: string,
  channel: string,
): string | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  if (kind === 'phone') {
    const digits = trimmed.replace(/\D/g, '');
    if (digits.length < 6) return null;
    const international = digits.startsWith('0') ? `62${digits.slice(1)}` : digits;
    return `phone:${international}`;
  }
  if (kind === 'email') return trimmed.includes('@') ? `email:${trimmed.toLowerCase()}` : null;
  return `${channel}:${trimmed.toLowerCase()}`;
}
