import { Type } from 'typebox';

// schemas.ts imports this file, so the bilingual text shape is declared here rather than imported back.
const Bilingual = Type.Object({ id: Type.String(), en: Type.String() });
// The views hand over Dates; the serializer writes them as ISO strings.
const DateTime = Type.Unsafe<Date>(Type.String({ format: 'date-time' }));
const Coded = Type.Object({ code: Type.String(), label: Bilingual });

/** One "laporan serupa" in the staff view (services/reads/duplicate-views.ts). */
export const SimilarReport = Type.Object({
  ticket: Type.String(),
  status: Coded,
  category: Coded,
  kelurahan: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  reason: Type.Union([Type.Literal('nearby'), Type.Literal('text')], {
    description: 'nearby: same category within the city’s distance; text: same kelurahan, very similar words',
  }),
  distanceMeters: Type.Union([Type.Number(), Type.Null()]),
  textScore: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]),
  createdAt: DateTime,
  linkedAt: DateTime,
});

export const MergedInto = Type.Object(
  {
    ticket: Type.String(),
    status: Type.String(),
    statusLabel: Bilingual,
    message: Type.Optional(Bilingual),
    progress: Type.Optional(
      Type.Object(
        {},
        {
          additionalProperties: true,
          description:
            'For the merged report’s own citizen: the other report’s category, place, unit, text if public, and ' +
            'history (event, status, time, unit, officers’ notes redacted); never its reporter or photos',
        },
      ),
    ),
  },
  {
    description:
      'The open report this one was merged into (status Digabung). The public sees it only if that report is public.',
  },
);
