import type { Text } from '../../domain/text.js';
import type { JobName } from './job-types.js';

export { withoutPersonalData } from '../../security/without-personal-data.js';

/**
 * A failed job's last error, for the administrator who decides whether to retry it: what went wrong in plain words
 * (bilingual), and the technical message with anything that could name a person taken out. Senders write only a
 * status into their errors (channels/*), but a library's message can quote a recipient (an SMTP server's "550
 * <someone@example.org>: no such user"), a phone number or a handle: those never reach the screen.
 */

const SERVICES: { test: RegExp; name: Text }[] = [
  { test: /SMS gateway/i, name: { id: 'Gerbang SMS', en: 'The SMS gateway' } },
  { test: /LAPOR!/, name: { id: 'LAPOR! (SP4N)', en: 'LAPOR! (SP4N)' } },
  { test: /WhatsApp/i, name: { id: 'WhatsApp', en: 'WhatsApp' } },
  { test: /Telegram/i, name: { id: 'Telegram', en: 'Telegram' } },
  { test: /^X /, name: { id: 'X (Twitter)', en: 'X (Twitter)' } },
  { test: /push service/i, name: { id: 'Layanan notifikasi peramban', en: 'The browser push service' } },
  { test: /smtp|mail|recipient/i, name: { id: 'Server surel', en: 'The mail server' } },
];

const QUEUE_WORDS: Record<JobName, Text> = {
  'transcode-video': { id: 'Video warga tidak dapat diolah', en: 'A citizen’s video could not be processed' },
  'notify-citizen': {
    id: 'Kabar untuk warga tidak terkirim',
    en: 'A message to a citizen was not delivered',
  },
  'push-citizen': {
    id: 'Notifikasi ke peramban warga tidak terkirim',
    en: 'A notification to a citizen’s browser was not delivered',
  },
  'escalation-sweep': {
    id: 'Pemeriksaan eskalasi laporan terlambat gagal',
    en: 'The check for overdue reports to escalate failed',
  },
  'desk-receipt-sms': {
    id: 'Tanda terima lewat SMS untuk warga di meja layanan tidak terkirim',
    en: 'The SMS receipt for a citizen at the service desk was not delivered',
  },
  'sweep-staging': {
    id: 'Pembersihan berkas unggahan sementara gagal',
    en: 'Cleaning up temporary uploads failed',
  },
};

function cause(message: string): Text | null {
  const service = SERVICES.find((s) => s.test.test(message))?.name ?? {
    id: 'Layanan luar',
    en: 'The outside service',
  };
  const status = /answered (\d{3})\b/.exec(message)?.[1];
  if (status) {
    const code = Number(status);
    if (code >= 500)
      return {
        id: `${service.id} sedang bermasalah di pihaknya (menjawab ${code}); ulangi setelah layanannya pulih`,
        en: `${service.en} had a fault on its side (answered ${code}); retry once it works again`,
      };
    if (code === 401 || code === 403)
      return {
        id: `${service.id} menolak kunci akses Sigap (menjawab ${code}); periksa kredensial di konfigurasi server`,
        en: `${service.en} refused Sigap’s credentials (answered ${code}); check them in the server’s configuration`,
      };
    if (code === 429)
      return {
        id: `${service.id} meminta mengirim lebih pelan (menjawab 429); ulangi sebentar lagi`,
        en: `${service.en} asked to send more slowly (answered 429); retry in a while`,
      };
    if (code === 404 || code === 410)
      return {
        id: `${service.id} tidak mengenal penerimanya lagi (menjawab ${code}); mengulang kemungkinan tidak membantu`,
        en: `${service.en} no longer knows the recipient (answered ${code}); a retry is unlikely to help`,
      };
    return {
      id: `${service.id} menolak permintaan (menjawab ${code})`,
      en: `${service.en} refused the request (answered ${code})`,
    };
  }
  if (/time(d)? ?out|aborted/i.test(message))
    return {
      id: `${service.id} tidak menjawab tepat waktu; ulangi nanti`,
      en: `${service.en} did not answer in time; retry later`,
    };
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|fetch failed|unreachable|socket hang up/i.test(message))
    return {
      id: `${service.id} tidak dapat dihubungi (jaringan atau alamatnya); ulangi setelah tersambung`,
      en: `${service.en} could not be reached (network or address); retry once it is reachable`,
    };
  if (/cannot reach a/i.test(message))
    return {
      id: 'Saluran ini tidak dapat menjangkau alamat yang dimiliki warga; mengulang tidak membantu',
      en: 'This channel cannot reach the kind of address the citizen has; a retry will not help',
    };
  if (/recipient|mailbox|\b55\d\b/i.test(message))
    return {
      id: 'Server surel menolak alamat penerima; mengulang kemungkinan tidak membantu',
      en: 'The mail server refused the recipient’s address; a retry is unlikely to help',
    };
  if (/ENOENT|missing|no such file/i.test(message))
    return {
      id: 'Berkas yang dibutuhkan tidak ada di penyimpanan',
      en: 'A file it needs is not in the storage',
    };
  if (/ffmpeg|video stream|transcod/i.test(message))
    return {
      id: 'Video tidak dapat diubah (rusak atau format tidak dikenal)',
      en: 'The video could not be converted (damaged or an unknown format)',
    };
  return null;
}

/** What went wrong, for a person: the job's purpose and, when recognised, the cause and whether a retry helps. */
export function jobErrorWords(queue: JobName, message: string | null): Text {
  const what = QUEUE_WORDS[queue];
  const why = message ? cause(message) : null;
  if (!why)
    return {
      id: `${what.id}. Penyebabnya tidak dikenali; lihat pesan teknis`,
      en: `${what.en}. The cause was not recognised; see the technical message`,
    };
  return { id: `${what.id}: ${why.id}`, en: `${what.en}: ${why.en}` };
}
