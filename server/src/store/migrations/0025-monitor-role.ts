import { type Kysely, sql } from 'kysely';

// A read-only account for the monitoring room's wall screen (role "monitor"): it sees the city's figures and live
// changes and nothing else, so the screen in the operations room is not signed in as an administrator.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table app_user drop constraint app_user_role_check`.execute(db);
  await sql`
    alter table app_user add constraint app_user_role_check
      check (role in ('officer', 'verifier', 'admin', 'reveal_authority', 'monitor'))
  `.execute(db);
}
