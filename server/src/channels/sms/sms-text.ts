import { SegmentedMessage } from 'sms-segments-calculator';

/**
 * A reply cut to fit `maxSegments` SMS segments (160 GSM-7 characters, 153 each when split; 70/67 in UCS-2 when a
 * character is outside GSM-7), ending in "…" when it had to be cut, so a feature phone gets one or two messages.
 */
export function fitSms(text: string, maxSegments = 2): string {
  if (new SegmentedMessage(text).segmentsCount <= maxSegments) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (new SegmentedMessage(`${text.slice(0, mid).trimEnd()}…`).segmentsCount <= maxSegments) low = mid;
    else high = mid - 1;
  }
  return `${text.slice(0, low).trimEnd()}…`;
}

export function smsSegments(text: string): { segments: number; encoding: string } {
  const message = new SegmentedMessage(text);
  return { segments: message.segmentsCount, encoding: message.encodingName };
}
