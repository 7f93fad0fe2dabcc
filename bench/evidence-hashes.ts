/**
 * Evidence-reuse benchmark: how far the perceptual hashes of re-saved copies of a photo drift from the original
 * (the numbers behind WHOLE_MAX_DISTANCE and VIEW_MAX_DISTANCE in server/src/media/hash-bands.ts), and how long
 * the band-indexed search for similar photos takes over many stored photos, against one full scan.
 *
 *   cd server && npm run bench:evidence
 *
 * Env: BENCH_PHOTOS (generated photos per variant, default 40), BENCH_PHOTO_ROWS (stored photos for the search
 * phase, default 200000; 0 = skip), BENCH_DATABASE_URL (admin URL, default postgres://postgres@127.0.0.1:5432/
 * postgres; a database sigap_bench_<random> is created there and dropped at the end).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { VIEW_MAX_DISTANCE, WHOLE_MAX_DISTANCE, hammingDistance } from '../server/src/media/hash-bands.js';
import { fingerprintPhoto, type PhotoFingerprint } from '../server/src/media/perceptual-hash.js';
import { mulberry32 } from '../server/src/domain/random.js';
import { openStore } from '../server/src/store/database.js';
import { findSimilarPhotos } from '../server/src/store/photo-matches.js';
import { REUSE_VARIANTS, scenePhoto } from '../server/test/support/synthetic-photos.js';
import { createBenchDatabase, DEFAULT_ADMIN_URL } from './lib/database.js';
import { fixed, ms, printTable } from './lib/table.js';

const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 40);
const ROWS = Number(process.env.BENCH_PHOTO_ROWS ?? 200_000);

async function print(image: Buffer): Promise<PhotoFingerprint> {
  const result = await fingerprintPhoto(image, { evidence: true });
  if (!result) throw new Error('featureless test photo');
  return result;
}

/** Whole-to-whole distance, and the best of the other pairings (stored crop views, upload caption probes). */
function distances(stored: PhotoFingerprint, upload: PhotoFingerprint) {
  const views = [
    ...upload.probes.map((p) => hammingDistance(stored.hash, p)),
    ...stored.crops.map((c) => hammingDistance(c, upload.hash)),
  ];
  return { whole: hammingDistance(stored.hash, upload.hash), views: Math.min(...views) };
}

const stats = (values: number[]) => [
  String(Math.max(...values)),
  fixed(values.reduce((a, b) => a + b, 0) / values.length),
];

async function distancePhase(): Promise<void> {
  const originals: PhotoFingerprint[] = [];
  const rows = new Map<string, { whole: number[]; views: number[]; matched: number }>();
  for (let layout = 1; layout <= PHOTOS; layout++) {
    const image = await scenePhoto(layout);
    const stored = await print(image);
    originals.push(stored);
    for (const [name, variant] of Object.entries(REUSE_VARIANTS)) {
      const d = distances(stored, await print(await variant(image)));
      const row = rows.get(name) ?? { whole: [], views: [], matched: 0 };
      row.whole.push(d.whole);
      row.views.push(d.views);
      if (d.whole <= WHOLE_MAX_DISTANCE || d.views <= VIEW_MAX_DISTANCE) row.matched++;
      rows.set(name, row);
    }
  }
  console.log(
    `\nSame photo, re-saved (${PHOTOS} generated photos; match = whole ≤ ${WHOLE_MAX_DISTANCE} or other ≤ ${VIEW_MAX_DISTANCE})`,
  );
  printTable(
    ['variant', 'whole max', 'whole mean', 'other max', 'other mean', 'matched'],
    [...rows].map(([name, r]) => [name, ...stats(r.whole), ...stats(r.views), `${r.matched}/${PHOTOS}`]),
  );
  const different = { whole: [] as number[], views: [] as number[] };
  for (const [i, a] of originals.entries())
    for (const [j, b] of originals.entries())
      if (i !== j) {
        const d = distances(a, b);
        different.whole.push(d.whole);
        different.views.push(d.views);
      }
  const similar = { whole: [] as number[], views: [] as number[] };
  for (let palette = 1; palette <= 10; palette++) {
    const scene = await Promise.all(
      [1, 2, 3, 4].map(async (l) => print(await scenePhoto(palette * 100 + l, { palette }))),
    );
    for (const a of scene)
      for (const b of scene)
        if (a !== b) {
          const d = distances(a, b);
          similar.whole.push(d.whole);
          similar.views.push(d.views);
        }
  }
  console.log('\nDifferent photos (closest pair)');
  printTable(
    ['pairs', 'whole min', 'other min'],
    [
      [
        'different layouts and colours',
        String(Math.min(...different.whole)),
        String(Math.min(...different.views)),
      ],
      ['same colours, other layout', String(Math.min(...similar.whole)), String(Math.min(...similar.views))],
    ],
  );
}

async function searchPhase(): Promise<void> {
  const database = await createBenchDatabase(process.env.BENCH_DATABASE_URL ?? DEFAULT_ADMIN_URL);
  const store = await openStore({ databaseUrl: database.url, dataDir: null, poolSize: 2 });
  try {
    const db = store.db;
    // Random hashes: evenly spread bands, the best case for selectivity (real photos cluster somewhat).
    const bits = sql`(floor(random() * 4294967296)::bigint::bit(32) || floor(random() * 4294967296)::bigint::bit(32))`;
    const bands = (h: string) =>
      sql.raw([1, 17, 33, 49].map((from) => `substring(${h} from ${from} for 16)::integer`).join(', '));
    await sql`insert into unit (id, name, kind) values ('bench', 'Bench', 'kelurahan')`.execute(db);
    await sql`insert into category (code, name_id, name_en) values ('bench', 'Bench', 'Bench')`.execute(db);
    const reportId = randomUUID();
    await sql`insert into report (id, ticket, status, category_code, text, channel, is_private, is_anonymous,
        visibility, assigned_unit_id, escalation_level, sla_clock, response_due_at, completion_due_at,
        reopen_count, event_count, created_at, updated_at)
      values (${reportId}, 'JK2601010001', 'selesai', 'bench', 'bench', 'web', false, false, 'visible', 'bench',
        0, 'working', now(), now(), 0, 1, now(), now())`.execute(db);
    const loadStart = performance.now();
    for (let done = 0; done < ROWS; done += 100_000) {
      await sql`insert into attachment (id, report_id, role, kind, mime, original_key, public_key, thumb_key, bytes,
          sha256, uploaded_by, created_at, phash, phash_b0, phash_b1, phash_b2, phash_b3)
        select gen_random_uuid(), ${reportId}, case when g % 5 = 0 then 'evidence' else 'report' end, 'photo',
          'image/jpeg', 'x', 'x', 'x', 1, md5(g::text), 'bench', now(), h, ${bands('h')}
        from (select g, ${bits}::bit(64) as h from generate_series(1, ${Math.min(100_000, ROWS - done)}) g) s`.execute(
        db,
      );
    }
    await sql`insert into attachment_crop_hash (attachment_id, view, phash, b0, b1, b2, b3)
      select id, v, h, ${bands('h')}
      from (select a.id, v, ${bits}::bit(64) as h
            from attachment a, generate_series(0, 4) v where a.role = 'evidence') s`.execute(db);
    await sql`vacuum analyze`.execute(db);
    const loaded = performance.now() - loadStart;
    const random = mulberry32(7);
    const hash = () => Array.from({ length: 64 }, () => (random() < 0.5 ? '0' : '1')).join('');
    const times: number[] = [];
    for (let run = 0; run < 21; run++) {
      const start = performance.now();
      await findSimilarPhotos(db, randomUUID(), { hash: hash(), probes: Array.from({ length: 6 }, hash) });
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const scanStart = performance.now();
    await sql`select count(*) from attachment where bit_count(phash # ${hash()}::bit(64)) <= 11`.execute(db);
    const scan = performance.now() - scanStart;
    console.log(
      `\nSearch over ${ROWS} stored photos (${ROWS / 5} evidence with 5 crop views; loaded in ${ms(loaded)} ms)`,
    );
    printTable(
      ['query', 'median ms', 'max ms'],
      [
        ['findSimilarPhotos (whole + 6 probes + crop views)', ms(times[10]!), ms(times[20]!)],
        ['one full scan, whole hash only', ms(scan), ''],
      ],
    );
  } finally {
    await store.close();
    await database.drop();
  }
}

await distancePhase();
if (ROWS > 0) await searchPhase();
