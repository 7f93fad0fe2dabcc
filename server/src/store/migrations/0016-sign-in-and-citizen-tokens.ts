import { type Kysely, sql } from 'kysely';

// Sign-in attempts, counted per account and per address (services/identity/sign-in-limits.ts): a row per attempt
// while its password is checked and, when it failed, for the rest of the window; a successful sign-in removes its
// own row and takes the account's earlier rows off the account's count. Both keys are keyed hashes: neither a
// name typed by mistake (perhaps a password) nor a client's address is stored as typed.
//
// Citizen tokens (services/identity/citizen-tokens.ts): `citizen.token_hash` stays the holder's current token;
// `token_used_at` is its last use (null: not used since it was issued), from which it expires; a token that was
// replaced, ended by its holder or revoked by an administrator is kept as a hash with why, so whoever still sends
// it is told what happened instead of "unknown token".
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sign_in_attempt (
      id uuid primary key,
      account_key text,
      address_key text not null,
      at timestamptz not null,
      failed boolean not null
    );
    create index sign_in_attempt_account_idx on sign_in_attempt (account_key, at) where account_key is not null;
    create index sign_in_attempt_address_idx on sign_in_attempt (address_key, at);
    create index sign_in_attempt_at_idx on sign_in_attempt (at);

    alter table citizen add column token_used_at timestamptz;
    create table citizen_token_ended (
      token_hash text primary key,
      citizen_id uuid not null references citizen (id),
      ended_at timestamptz not null,
      reason text not null check (reason in ('replaced', 'holder', 'admin'))
    );
  `.execute(db);
}
