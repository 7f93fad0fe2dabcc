import { createReadStream, createWriteStream } from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { decryptingStream, encryptingStream } from '../security/backup-cipher.js';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import { parentsFirst } from './parents-first.js';
import type { Database } from './schema.js';

/**
 * Tables in an order that keeps foreign keys satisfied; sessions and sign-in attempts are not backed up (they
 * expire anyway), nor are Web Push subscriptions (personal data bound to one browser, which subscribes again).
 */
const TABLES: Array<{ name: keyof Database; key: string[]; order?: string }> = [
  {
    name: 'region',
    key: ['code'],
    order: "array_position(array['provinsi','kota','kecamatan','kelurahan'], level), code",
  },
  { name: 'unit', key: ['id'] },
  { name: 'category', key: ['code'] },
  { name: 'citizen', key: ['id'] },
  { name: 'citizen_token_ended', key: ['token_hash'] },
  { name: 'reporter_identity', key: ['id'] },
  { name: 'ticket_counter', key: ['day'] },
  { name: 'report', key: ['id'] },
  { name: 'inbound_message', key: ['id'] },
  { name: 'report_event', key: ['report_id', 'seq'] },
  { name: 'report_link', key: ['report_id', 'similar_report_id'] },
  { name: 'attachment', key: ['id'] },
  { name: 'attachment_crop_hash', key: ['attachment_id', 'view'] },
  { name: 'evidence_flag', key: ['id'] },
  { name: 'app_user', key: ['id'] },
  { name: 'audit_log', key: ['id'] },
  { name: 'labelled_example', key: ['id'] },
  { name: 'staff_notice', key: ['id'] },
  { name: 'outbox', key: ['id'] },
  { name: 'citizen_notification', key: ['id'] },
  { name: 'reveal_request', key: ['id'] },
];
const JSON_COLUMNS = new Set(['body', 'detail', 'payload']);
const BATCH = 1000;
const FORMAT = 'sigap-backup';

function encode(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row))
    out[k] = Buffer.isBuffer(v) ? { $bytes: v.toString('base64') } : v;
  return out;
}

function decode(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (v && typeof v === 'object' && '$bytes' in v)
      out[k] = Buffer.from(String((v as { $bytes: string }).$bytes), 'base64');
    else if (JSON_COLUMNS.has(k)) out[k] = JSON.stringify(v);
    else out[k] = v;
  }
  return out;
}

async function* rows(db: Kysely<Database>): AsyncGenerator<string> {
  yield JSON.stringify({ format: FORMAT, version: 1, createdAt: new Date().toISOString() }) + '\n';
  for (const table of TABLES) {
    const order = table.order ?? table.key.join(', ');
    for (let offset = 0; ; offset += BATCH) {
      // offset paging keeps this generic across tables; backups are an offline job
      const batch = await sql<
        Record<string, unknown>
      >`select * from ${sql.table(table.name)} order by ${sql.raw(order)} limit ${BATCH} offset ${offset}`.execute(
        db,
      );
      for (const row of batch.rows) yield JSON.stringify({ t: table.name, r: encode(row) }) + '\n';
      if (batch.rows.length < BATCH) break;
    }
  }
}

/** Writes every table to `file` (gzip JSON lines), encrypted under `passphrase` when one is given. */
export async function exportBackup(
  db: Kysely<Database>,
  file: string,
  options: { passphrase?: string | null } = {},
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const counted = async function* () {
    for await (const line of rows(db)) {
      const t = line.startsWith('{"t":"') ? line.slice(6, line.indexOf('"', 6)) : null;
      if (t) counts[t] = (counts[t] ?? 0) + 1;
      yield line;
    }
  };
  const sink = createWriteStream(file, { mode: 0o600 });
  if (options.passphrase)
    await pipeline(Readable.from(counted()), createGzip(), await encryptingStream(options.passphrase), sink);
  else await pipeline(Readable.from(counted()), createGzip(), sink);
  return counts;
}

/** Loads a backup into a database with no reports yet, in one transaction: all or nothing. */
export async function importBackup(
  db: Kysely<Database>,
  file: string,
  options: { passphrase?: string | null } = {},
): Promise<Record<string, number>> {
  const existing = await db
    .selectFrom('report')
    .select(sql<string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0)
    throw new Error('restore needs a database without reports; use an empty data folder or database');
  const lines = readline.createInterface({
    input: (options.passphrase
      ? await decryptingStream(file, options.passphrase)
      : createReadStream(file)
    ).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  const byTable = new Map<string, Record<string, unknown>[]>();
  let header = true;
  for await (const line of lines) {
    if (!line) continue;
    const parsed = JSON.parse(line) as { format?: string; t?: string; r?: Record<string, unknown> };
    if (header) {
      if (parsed.format !== FORMAT) throw new Error(`${file} is not a Sigap backup`);
      header = false;
      continue;
    }
    if (!parsed.t || !parsed.r) throw new Error(`${file}: malformed line`);
    const list = byTable.get(parsed.t) ?? [];
    list.push(decode(parsed.r));
    byTable.set(parsed.t, list);
  }
  const counts: Record<string, number> = {};
  await db.transaction().execute(async (tx) => {
    for (const table of TABLES) {
      let list = byTable.get(table.name) ?? [];
      if (table.name === 'unit')
        list = parentsFirst(list as Array<{ id: unknown; parent_id?: unknown }>) as Record<string, unknown>[];
      for (let i = 0; i < list.length; i += BATCH) {
        const chunk = list.slice(i, i + BATCH);
        await tx
          .insertInto(table.name)
          .values(chunk as never)
          .onConflict((oc) => oc.columns(table.key as never).doNothing())
          .execute();
      }
      counts[table.name] = list.length;
    }
    await sql`select setval(pg_get_serial_sequence('audit_log', 'id'), coalesce((select max(id) from audit_log), 1))`.execute(
      tx,
    );
  });
  return counts;
}
