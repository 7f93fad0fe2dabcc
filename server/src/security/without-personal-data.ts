/**
 * A technical message with anything that could name a person taken out: e-mail addresses, phone numbers,
 * @handles and credentials in URLs. For errors of outside services and libraries, which may quote a recipient
 * (an SMTP server's "550 <someone@example.org>: no such user") before they reach a log or an administrator.
 */
const EMAIL = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+\.[^\s<>"'(),;:]+/g;
/** a phone number: 7 or more digits, possibly with +, spaces, dots, dashes or brackets between them */
const PHONE = /\+?\d(?:[\s.\-()]*\d){6,}/g;
/** a handle: @name (X, Telegram) */
const HANDLE = /(^|[^\w@])@[A-Za-z0-9_.]{2,}/g;
const URL_CREDENTIALS = /(\w+:\/\/)[^/\s@]+@/g;

export function withoutPersonalData(message: string): string {
  return message
    .replace(URL_CREDENTIALS, '$1…@')
    .replace(EMAIL, '[alamat / address]')
    .replace(HANDLE, '$1[akun / handle]')
    .replace(PHONE, '[nomor / number]');
}
