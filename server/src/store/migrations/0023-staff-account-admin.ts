import { type Kysely, sql } from 'kysely';

// Staff accounts administered in the app (services/identity/staff-accounts.ts): a password set by an administrator
// (a new account, a reset) is temporary, and its holder must choose their own before anything else; an account
// is deactivated with the time and kept (its history names it). Existing accounts chose nothing yet: they keep
// their password as it is (false), like accounts made with `sigap user create`.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table app_user add column must_change_password boolean not null default false;
    alter table app_user add column deactivated_at timestamptz;
  `.execute(db);
}
