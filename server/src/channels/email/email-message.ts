import type { ParsedMail } from 'mailparser';
import type { InboundMessage } from '../../services/intake/intake.js';

/** Image and video attachments become the report's media; anything else (a PDF, a signature file) is left out. */
const MEDIA = /^(image|video)\//;

/** The citizen's words without the quoted mail below them (lines starting with `>`, and what follows "wrote:"). */
export function ownWords(text: string): string {
  const lines: string[] = [];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (/^\s*>/.test(line)) continue;
    if (/^\s*(On|Pada) .{4,200}(wrote|menulis):\s*$/.test(line)) break;
    lines.push(line);
  }
  return lines.join('\n').trim();
}

/**
 * A parsed e-mail as the channel-neutral message `submit` takes: the subject and the citizen's own words as the
 * text, images and videos as media, the Message-ID as the delivery's id (the same mail delivered twice is one
 * report), the From address as the sender (sealed, to answer them). The raw MIME is not kept: the report holds
 * what the citizen wrote.
 */
export function inboundFromEmail(mail: ParsedMail, channel: string): InboundMessage {
  return { ...inboundOf(mail, channel), intent: 'new' };
}

/** The ids a mail replies to: In-Reply-To and References, oldest first (as References lists them). */
export function threadIdsOf(mail: ParsedMail): string[] {
  const references = Array.isArray(mail.references)
    ? mail.references
    : mail.references
      ? [mail.references]
      : [];
  const ids = [...references, ...(mail.inReplyTo ? mail.inReplyTo.split(/\s+/) : [])];
  return [...new Set(ids.map((id) => id.trim()).filter((id) => id.length > 0 && id.length <= 998))];
}

function inboundOf(mail: ParsedMail, channel: string): InboundMessage {
  const from = mail.from?.value[0]?.address ?? null;
  const words = ownWords(mail.text ?? '');
  const subject = mail.subject?.trim() ?? '';
  const text = [subject, words].filter(Boolean).join('\n\n');
  return {
    channel,
    externalId: mail.messageId ?? null,
    sender: from ? { kind: 'email', value: from } : null,
    raw: null,
    report: { text, private: true },
    uploads: mail.attachments.filter((a) => MEDIA.test(a.contentType)).map((a) => ({ data: a.content })),
    citizenToken: null,
  };
}
