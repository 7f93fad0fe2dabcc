import type { Kysely } from 'kysely';
import type { CitizenTokenEndedTable, Database } from './schema.js';
import { statementShapes } from './statement-shapes.js';

type Db = Kysely<Database>;
export type EndReason = CitizenTokenEndedTable['reason'];

export type TokenRow =
  | { kind: 'current'; citizenId: string; lastUsedAt: Date; ended: { at: Date; reason: EndReason } | null }
  | { kind: 'ended'; citizenId: string; ended: { at: Date; reason: EndReason } };

const date = (value: Date | string) => new Date(value);

/** A token's current-token row, as findCitizenToken and the report view (report-view-query.ts) read it. */
export interface CurrentTokenColumns {
  token_citizen_id: string | null;
  token_created_at: Date | null;
  token_used_at: Date | null;
  token_ended_at: Date | null;
  token_end_reason: EndReason | null;
}

/** The citizen whose current token has this hash, with that token's end if it was ended: 0 or 1 row. */
function currentTokenQuery(db: Db, tokenHash: string) {
  return db
    .selectFrom('citizen as c')
    .leftJoin('citizen_token_ended as e', 'e.token_hash', 'c.token_hash')
    .select([
      'c.id as token_citizen_id',
      'c.created_at as token_created_at',
      'c.token_used_at as token_used_at',
      'e.ended_at as token_ended_at',
      'e.reason as token_end_reason',
    ])
    .where('c.token_hash', '=', tokenHash);
}

const currentToken = statementShapes(
  (tokenHash: string) => ({ tokenHash }),
  (db, v) => currentTokenQuery(db, v.tokenHash),
);

/**
 * A current token read with something else (the report view reads it in its own statement): its row, or, when
 * no citizen's current token has the hash, what the token was (the second lookup below), or nothing.
 */
export async function citizenTokenFrom(
  db: Db,
  tokenHash: string,
  current: CurrentTokenColumns,
): Promise<TokenRow | null> {
  if (current.token_citizen_id !== null && current.token_created_at !== null)
    return {
      kind: 'current',
      citizenId: current.token_citizen_id,
      lastUsedAt: date(current.token_used_at ?? current.token_created_at),
      ended:
        current.token_ended_at && current.token_end_reason
          ? { at: date(current.token_ended_at), reason: current.token_end_reason }
          : null,
    };
  const ended = await db
    .selectFrom('citizen_token_ended')
    .select(['citizen_id', 'ended_at', 'reason'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return ended
    ? {
        kind: 'ended',
        citizenId: ended.citizen_id,
        ended: { at: date(ended.ended_at), reason: ended.reason },
      }
    : null;
}

const NO_CURRENT_TOKEN: CurrentTokenColumns = {
  token_citizen_id: null,
  token_created_at: null,
  token_used_at: null,
  token_ended_at: null,
  token_end_reason: null,
};

/**
 * What a token hash is: a citizen's current token (with its last use, and its end if it was ended), one that was
 * replaced or ended earlier, or nothing (null). One indexed lookup for a live token; a second only for the rest.
 */
export async function findCitizenToken(db: Db, tokenHash: string): Promise<TokenRow | null> {
  const [current] = (await db.executeQuery(currentToken(db, tokenHash))).rows;
  return citizenTokenFrom(db, tokenHash, current ?? NO_CURRENT_TOKEN);
}

/** Whether any of the citizen's reports is still open, or changed after `since`: reasons to come back. */
export async function citizenHasReportsInPlay(
  db: Db,
  citizenId: string,
  since: Date,
  finalStatuses: readonly string[],
): Promise<boolean> {
  const row = await db
    .selectFrom('report')
    .select('id')
    .where('citizen_id', '=', citizenId)
    .where((eb) => eb.or([eb('status', 'not in', finalStatuses), eb('updated_at', '>', since)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function touchCitizenToken(db: Db, citizenId: string, now: Date): Promise<void> {
  await db.updateTable('citizen').set({ token_used_at: now }).where('id', '=', citizenId).execute();
}

/**
 * The citizen's current token `oldHash` becomes `newHash`; the old one is kept as replaced. False when `oldHash`
 * is no longer a live current token (replaced or ended meanwhile): nothing changes then.
 */
export async function replaceCitizenToken(
  db: Db,
  oldHash: string,
  newHash: string,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const citizen = await tx
      .selectFrom('citizen')
      .select('id')
      .where('token_hash', '=', oldHash)
      .forUpdate()
      .executeTakeFirst();
    if (!citizen) return false;
    const ended = await tx
      .insertInto('citizen_token_ended')
      .values({ token_hash: oldHash, citizen_id: citizen.id, ended_at: now, reason: 'replaced' })
      .onConflict((oc) => oc.column('token_hash').doNothing())
      .executeTakeFirst();
    if (Number(ended.numInsertedOrUpdatedRows ?? 0n) === 0) return false;
    await tx
      .updateTable('citizen')
      .set({ token_hash: newHash, token_used_at: now })
      .where('id', '=', citizen.id)
      .execute();
    return true;
  });
}

/** Ends the current token of a citizen (its holder's or an administrator's decision); false if already ended. */
export async function endCitizenToken(
  db: Db,
  citizenId: string,
  now: Date,
  reason: Exclude<EndReason, 'replaced'>,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const citizen = await tx
      .selectFrom('citizen')
      .select('token_hash')
      .where('id', '=', citizenId)
      .forUpdate()
      .executeTakeFirst();
    if (!citizen) return false;
    const ended = await tx
      .insertInto('citizen_token_ended')
      .values({ token_hash: citizen.token_hash, citizen_id: citizenId, ended_at: now, reason })
      .onConflict((oc) => oc.column('token_hash').doNothing())
      .executeTakeFirst();
    return Number(ended.numInsertedOrUpdatedRows ?? 0n) > 0;
  });
}

/** The citizen a report belongs to, by ticket: undefined without such a report, null for a report without one. */
export async function citizenOfTicket(db: Db, ticket: string): Promise<string | null | undefined> {
  const row = await db
    .selectFrom('report')
    .select('citizen_id')
    .where('ticket', '=', ticket)
    .executeTakeFirst();
  return row ? row.citizen_id : undefined;
}
