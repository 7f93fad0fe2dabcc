import { type TSchema, Type } from 'typebox';
import type { ActionInput } from './commands.js';

const STRICT = { additionalProperties: false } as const;
const Note = (description: string) => Type.String({ minLength: 1, maxLength: 4000, description });
const OptionalNote = Type.Optional(Note('Catatan / note, shown in the history'));
const TargetUnitId = Type.String({
  minLength: 1,
  maxLength: 80,
  description: 'A unit id (see GET /api/v1/units)',
});
const Reason = Note('Alasan / reason, shown in the history');

export interface ActionSpec {
  summary: string;
  body: TSchema;
  /** Follow-up evidence arrives as multipart/form-data: the fields of `body` plus the photos. */
  multipart?: boolean;
}

/** Every officer and verifier action: its URL segment, what it does and exactly what its body holds. */
export const ACTION_SPECS = {
  coordinate: {
    summary: 'Koordinasi: teruskan ke unit yang berwenang / Pass to the responsible office',
    body: Type.Object({ targetUnitId: TargetUnitId, note: OptionalNote }, STRICT),
  },
  delegate: {
    summary: 'Disposisi: ke unit di bawah unit Anda / Delegate to a unit under yours (Dinas → Suku Dinas)',
    body: Type.Object({ targetUnitId: TargetUnitId, note: OptionalNote }, STRICT),
  },
  process: {
    summary: 'Proses: mulai menindaklanjuti / Start the follow-up',
    body: Type.Object({ note: OptionalNote }, STRICT),
  },
  ews: {
    summary: 'EWS: estimasi waktu selesai yang baru / Set an agreed later completion date',
    body: Type.Object(
      {
        until: Type.String({ format: 'date-time', description: 'The new completion date, ISO 8601' }),
        reason: Reason,
      },
      STRICT,
    ),
  },
  'follow-up': {
    summary: 'Tindak lanjut dengan foto bukti / Follow-up with evidence photos (multipart/form-data)',
    body: Type.Object({ note: Note('What was done') }, STRICT),
    multipart: true,
  },
  reject: {
    summary: 'Tolak laporan / Reject the report',
    body: Type.Object({ reason: Reason }, STRICT),
  },
  approve: {
    summary: 'Setujui bukti (verifikator) / Approve the evidence (verifier): Selesai',
    body: Type.Object({ note: OptionalNote }, STRICT),
  },
  return: {
    summary: 'Kembalikan ke petugas (verifikator) / Return to the officer (verifier)',
    body: Type.Object({ note: Note('What is missing in the evidence') }, STRICT),
  },
  hide: {
    summary: 'Sembunyikan dari publik / Hide from the public list',
    body: Type.Object({ reason: Reason }, STRICT),
  },
  remove: {
    summary: 'Hapus dari publik / Remove (the reporter still sees it, with the reason)',
    body: Type.Object({ reason: Reason }, STRICT),
  },
  show: {
    summary: 'Tampilkan lagi / Show again',
    body: Type.Object({ reason: Reason }, STRICT),
  },
  note: {
    summary: 'Tambah catatan / Add a note',
    body: Type.Object({ note: Note('The note') }, STRICT),
  },
  merge: {
    summary: 'Gabungkan ke laporan lain yang masih terbuka / Merge into another open report (Digabung)',
    body: Type.Object(
      {
        intoTicket: Type.String({
          pattern: '^[A-Z]{1,6}[0-9]{10,}$',
          description: 'The open report to merge into',
        }),
        note: OptionalNote,
      },
      STRICT,
    ),
  },
  recategorise: {
    summary: 'Perbaiki kategori / Correct the category (routed again; trains the category model)',
    body: Type.Object(
      {
        categoryCode: Type.String({ pattern: '^[a-z_]{2,40}$', description: 'The correct category code' }),
        note: OptionalNote,
      },
      STRICT,
    ),
  },
} satisfies Record<string, ActionSpec>;

export type ActionName = keyof typeof ACTION_SPECS;
export const ACTION_NAMES = Object.keys(ACTION_SPECS) as ActionName[];

export type { ActionInput };
