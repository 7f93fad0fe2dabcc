import { type Kysely, sql } from 'kysely';

// Every officer's re-categorisation is a labelled example the category model is retrained on.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table labelled_example (
      id uuid primary key,
      report_id uuid references report (id),
      text text not null,
      category_code text not null references category (code),
      previous_category_code text references category (code),
      source text not null check (source in ('officer', 'import')),
      labelled_by uuid references app_user (id),
      created_at timestamptz not null
    );
    create index labelled_example_created_idx on labelled_example (created_at, id);
  `.execute(db);
}
