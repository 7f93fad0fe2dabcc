import { describe, expect, test } from 'vitest';
import { haversineMeters } from '../../../src/domain/similarity.js';
import {
  linkRows,
  MAX_SIMILAR,
  rankSimilar,
  type SimilarProbe,
} from '../../../src/services/intake/similar-reports.js';
import type { SimilarCandidate } from '../../../src/store/similar-queries.js';
import { analyse, wordSignature } from '../../../src/text/index.js';

const SETTINGS = { distanceMeters: 150, textSimilarity: 0.6, lookbackDays: 30 };
const NOW = new Date('2026-11-23T02:00:00Z');
const DAY = 86_400_000;
const GAMBIR = '31.71.01.1001';
const MONAS = { lat: -6.1754, lng: 106.8272 };
/** Degrees of latitude per metre, near enough for test positions. */
const NORTH = 1 / 111_195;

const probe = ({
  text = 'Jalan berlubang besar di depan halte busway, motor sering jatuh',
  ...p
}: Partial<SimilarProbe> & { text?: string } = {}): SimilarProbe => ({
  category: 'jalan',
  ...MONAS,
  kelurahanCode: GAMBIR,
  words: new Set(analyse(text)),
  ...p,
});

let serial = 0;
function candidate(c: Partial<SimilarCandidate> = {}): SimilarCandidate {
  serial++;
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    ticket: `JK261120${String(serial).padStart(4, '0')}`,
    category_code: 'jalan',
    lat: MONAS.lat,
    lng: MONAS.lng,
    kelurahan_code: GAMBIR,
    words: null,
    text: 'Pohon tumbang',
    created_at: new Date(NOW.getTime() - DAY),
    ...c,
  };
}

const north = (meters: number) => ({ lat: MONAS.lat + meters * NORTH, lng: MONAS.lng });

describe('rankSimilar', () => {
  test('same category within the distance is linked, with the distance; farther or another category is not', () => {
    const near = candidate(north(100));
    const far = candidate(north(400));
    const otherCategory = candidate({ ...MONAS, category_code: 'sampah' });
    const found = rankSimilar(probe(), [near, far, otherCategory], SETTINGS, NOW);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ reportId: near.id, ticket: near.ticket, reason: 'nearby' });
    expect(found[0]!.distanceMeters).toBe(
      Math.round(haversineMeters(MONAS.lat, MONAS.lng, near.lat!, near.lng!)),
    );
    expect(found[0]!.distanceMeters).toBeGreaterThanOrEqual(99);
    expect(found[0]!.distanceMeters).toBeLessThanOrEqual(101);
  });

  test('the distance limit is inclusive and comes from the settings', () => {
    const at150 = candidate(north(149.5));
    expect(rankSimilar(probe(), [at150], SETTINGS, NOW)).toHaveLength(1);
    expect(rankSimilar(probe(), [at150], { ...SETTINGS, distanceMeters: 100 }, NOW)).toHaveLength(0);
  });

  test('near-identical text in the same kelurahan is linked without coordinates, with its score', () => {
    const twin = candidate({
      lat: null,
      lng: null,
      category_code: 'sampah',
      text: 'Ada jalan berlubang besar di depan halte busway; motor sering jatuh!!',
    });
    const found = rankSimilar(probe({ lat: null, lng: null }), [twin], SETTINGS, NOW);
    expect(found).toEqual([
      { reportId: twin.id, ticket: twin.ticket, reason: 'text', score: expect.any(Number) },
    ]);
    expect(found[0]!.score).toBeGreaterThanOrEqual(0.6);
  });

  test('a stored word signature is compared as it is, and scores like the text it came from', () => {
    const text = 'Ada jalan berlubang besar di depan halte busway; motor sering jatuh!!';
    const fromText = candidate({ lat: null, lng: null, text });
    const fromWords = candidate({ lat: null, lng: null, text: null, words: wordSignature(text) });
    const noWords = candidate({ lat: null, lng: null, text: null, words: 'pohon tumbang kabel' });
    const found = rankSimilar(probe({ lat: null, lng: null }), [fromText, fromWords, noWords], SETTINGS, NOW);
    expect(found.map((f) => f.reportId)).toEqual([fromText.id, fromWords.id]);
    expect(found[0]!.score).toBe(found[1]!.score);
  });

  test('similar text in another kelurahan, too long ago, or too different is not linked', () => {
    const text = 'Jalan berlubang besar di depan halte busway, motor sering jatuh';
    const elsewhere = candidate({ lat: null, lng: null, text, kelurahan_code: '31.71.01.1002' });
    const old = candidate({ lat: null, lng: null, text, created_at: new Date(NOW.getTime() - 31 * DAY) });
    const different = candidate({
      lat: null,
      lng: null,
      text: 'Lampu jalan mati di depan halte sejak kemarin',
    });
    expect(rankSimilar(probe({ lat: null, lng: null }), [elsewhere, old, different], SETTINGS, NOW)).toEqual(
      [],
    );
  });

  test('a very short text never links on text alone', () => {
    const short = candidate({ lat: null, lng: null, text: 'Sampah' });
    expect(rankSimilar(probe({ lat: null, lng: null, text: 'Sampah' }), [short], SETTINGS, NOW)).toEqual([]);
  });

  test('nearby ones first (closest first), then text matches (best first), at most five, each once', () => {
    const text = 'Jalan berlubang besar di depan halte busway, motor sering jatuh';
    const near = [120, 30, 80, 60].map((m) => candidate(north(m)));
    const textOnly = [
      candidate({ lat: null, lng: null, category_code: 'lainnya', text: `${text} dekat pasar` }),
      candidate({ lat: null, lng: null, category_code: 'lainnya', text }),
    ];
    const found = rankSimilar(probe(), [...near, ...textOnly, near[0]!], SETTINGS, NOW);
    expect(found).toHaveLength(MAX_SIMILAR);
    expect(found.slice(0, 4).map((f) => f.distanceMeters)).toEqual([30, 60, 80, 120]);
    expect(found[4]).toMatchObject({ reportId: textOnly[1]!.id, reason: 'text', score: 1 });
  });

  test('linkRows keeps the reason and the measures', () => {
    const rows = linkRows(
      'new-id',
      [
        { reportId: 'a', ticket: 'JK1', reason: 'nearby', distanceMeters: 42, score: 0.2 },
        { reportId: 'b', ticket: 'JK2', reason: 'text', score: 0.75 },
      ],
      NOW,
    );
    expect(rows).toEqual([
      {
        report_id: 'new-id',
        similar_report_id: 'a',
        reason: 'nearby',
        distance_meters: 42,
        text_score: 0.2,
        created_at: NOW,
      },
      {
        report_id: 'new-id',
        similar_report_id: 'b',
        reason: 'text',
        distance_meters: null,
        text_score: 0.75,
        created_at: NOW,
      },
    ]);
  });
});
