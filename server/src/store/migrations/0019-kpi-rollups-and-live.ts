import { type Kysely, sql } from 'kysely';

// Dashboard and monitoring-room figures from rollups maintained as reports change, and live updates across
// processes (issue 14, items 8 and 9; docs/DECISIONS.md "KPIs from rollups, live across processes").
//
// The rollups are a function of the report rows alone: statement-level triggers on `report` (insert, update,
// delete; transition tables) take away what the old rows contributed and add what the new rows contribute, in
// the same transaction as the change. Every path that writes a report (the intake statement of a batch, an
// action, the escalation sweep, a merge, a restore) keeps them exact without knowing they exist, and a
// rolled-back change leaves them untouched. The rows each trigger touches are upserted in key order, so two
// transactions never lock the same rollup rows in opposite orders (no deadlock between them; they queue).
//
//   kpi_rollup    grain × key × day (city-local): received, and of those still open / done / with an SLA
//                 breach (the cohort of the day received); resolved, responded (counted on the day they
//                 happened) with on-time counts and sums of seconds (means).
//                 grain: city ('all'), kota (the kelurahan code's first 5 characters), kelurahan, unit (the
//                 assigned unit), channel, category. '' stands for an unknown kelurahan/kota.
//   kpi_current   grain × key × status: reports now in each status, and of those with an SLA breach (queue
//                 counts, map shading). No day: these are "now", whatever the report's age.
//   kpi_duration  grain × key × day × metric × bucket: histograms of time to respond / resolve for approximate
//                 medians (city, kota, unit). Bucket b holds durations in [60·2^(b/4), 60·2^((b+1)/4)) seconds
//                 (bucket 0 also everything under a minute); reading a bucket as its geometric middle is within
//                 ±9.05% of any duration in it (2^(1/8) − 1), so the median read is within that of the true one.
//
// An SLA breach: answered after the response deadline, completed after the completion deadline, or escalated
// (the escalation sweep escalates only reports past a deadline). The city-local day is UTC+7 (WIB; Jakarta has
// no daylight saving): a city in another zone changes kpi_local_day.
//
// Live: the same triggers send pg_notify('sigap_live', …) per changed report, inside the transaction, so a
// listener hears only committed changes, in commit order; the payload names the report by ticket, status,
// category, kelurahan and units, never its text or its reporter.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table kpi_rollup (
      grain text not null check (grain in ('city', 'kota', 'kelurahan', 'unit', 'channel', 'category')),
      key text not null,
      day date not null,
      received integer not null,
      open integer not null,
      done integer not null,
      breached integer not null,
      resolved integer not null,
      resolved_on_time integer not null,
      responded integer not null,
      responded_on_time integer not null,
      respond_seconds double precision not null,
      resolve_seconds double precision not null,
      primary key (grain, key, day)
    );
    create index kpi_rollup_day_idx on kpi_rollup (grain, day);
    create table kpi_current (
      grain text not null check (grain in ('city', 'kota', 'kelurahan', 'unit')),
      key text not null,
      status text not null,
      reports integer not null,
      breached integer not null,
      primary key (grain, key, status)
    );
    create table kpi_duration (
      grain text not null check (grain in ('city', 'kota', 'unit')),
      key text not null,
      day date not null,
      metric text not null check (metric in ('respond', 'resolve')),
      bucket smallint not null,
      reports integer not null,
      primary key (grain, key, day, metric, bucket)
    );

    create function kpi_local_day(at timestamptz) returns date
      language sql immutable parallel safe
      return ((at at time zone 'UTC') + interval '7 hours')::date;

    create function kpi_bucket(seconds double precision) returns smallint
      language sql immutable parallel safe
      return greatest(0, floor(4 * ln(greatest(seconds, 60) / 60) / ln(2)))::smallint;

    create function kpi_breached(r report) returns boolean
      language sql immutable parallel safe
      return coalesce(r.responded_at > r.response_due_at, false)
        or coalesce(r.resolved_at > r.completion_due_at, false)
        or r.escalation_level > 0;

    -- What one report row contributes to kpi_rollup.
    create function kpi_facts(r report) returns table (
      grain text, key text, day date, received integer, open integer, done integer, breached integer,
      resolved integer, resolved_on_time integer, responded integer, responded_on_time integer,
      respond_seconds double precision, resolve_seconds double precision
    ) language sql immutable parallel safe
    begin atomic
      select g.grain, g.key, d.day, d.received, d.open, d.done, d.breached, d.resolved, d.resolved_on_time,
             d.responded, d.responded_on_time, d.respond_seconds, d.resolve_seconds
      from (values ('city', 'all'), ('kota', coalesce(left(r.kelurahan_code, 5), '')),
                   ('kelurahan', coalesce(r.kelurahan_code, '')), ('unit', r.assigned_unit_id),
                   ('channel', r.channel), ('category', r.category_code)) as g (grain, key)
      cross join (values
        (kpi_local_day(r.created_at), 1,
         (r.status in ('menunggu', 'koordinasi', 'disposisi', 'proses', 'ews'))::integer,
         (r.status = 'selesai')::integer, kpi_breached(r)::integer, 0, 0, 0, 0, 0::float8, 0::float8),
        (kpi_local_day(r.resolved_at), 0, 0, 0, 0, 1, (r.resolved_at <= r.completion_due_at)::integer, 0, 0,
         0::float8, greatest(extract(epoch from r.resolved_at - r.created_at), 0)::float8),
        (kpi_local_day(r.responded_at), 0, 0, 0, 0, 0, 0, 1, (r.responded_at <= r.response_due_at)::integer,
         greatest(extract(epoch from r.responded_at - r.created_at), 0)::float8, 0::float8)
      ) as d (day, received, open, done, breached, resolved, resolved_on_time, responded, responded_on_time,
              respond_seconds, resolve_seconds)
      where d.day is not null;
    end;

    -- What one report row contributes to kpi_current.
    create function kpi_current_facts(r report) returns table (
      grain text, key text, status text, reports integer, breached integer
    ) language sql immutable parallel safe
    begin atomic
      select g.grain, g.key, r.status, 1, kpi_breached(r)::integer
      from (values ('city', 'all'), ('kota', coalesce(left(r.kelurahan_code, 5), '')),
                   ('kelurahan', coalesce(r.kelurahan_code, '')), ('unit', r.assigned_unit_id))
        as g (grain, key);
    end;

    -- What one report row contributes to kpi_duration.
    create function kpi_duration_facts(r report) returns table (
      grain text, key text, day date, metric text, bucket smallint
    ) language sql immutable parallel safe
    begin atomic
      select g.grain, g.key, m.day, m.metric, kpi_bucket(m.seconds)
      from (values ('city', 'all'), ('kota', coalesce(left(r.kelurahan_code, 5), '')),
                   ('unit', r.assigned_unit_id)) as g (grain, key)
      cross join (values
        ('respond', kpi_local_day(r.responded_at), extract(epoch from r.responded_at - r.created_at)::float8),
        ('resolve', kpi_local_day(r.resolved_at), extract(epoch from r.resolved_at - r.created_at)::float8)
      ) as m (metric, day, seconds)
      where m.day is not null;
    end;
  `.execute(db);

  // The trigger function: one for the three triggers, reading the transition tables each declares. The
  // changes are summed per rollup row (a status change moves a count from one column to another of the same
  // row: one row updated, not two) and rows with no change are left alone.
  await sql`
    create function kpi_apply_report_changes() returns trigger language plpgsql as $fn$
    declare
      olds report[] := '{}';
      news report[] := '{}';
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        olds := array(select o from old_rows o);
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        news := array(select n from new_rows n);
      end if;

      with changed as (
        select o as r, -1 as sign from unnest(olds) o
        union all
        select n, 1 from unnest(news) n
      )
      insert into kpi_rollup as k
      select f.grain, f.key, f.day, sum(c.sign * f.received), sum(c.sign * f.open), sum(c.sign * f.done),
             sum(c.sign * f.breached), sum(c.sign * f.resolved), sum(c.sign * f.resolved_on_time),
             sum(c.sign * f.responded), sum(c.sign * f.responded_on_time), sum(c.sign * f.respond_seconds),
             sum(c.sign * f.resolve_seconds)
      from changed c cross join lateral kpi_facts(c.r) f
      group by f.grain, f.key, f.day
      having sum(c.sign * f.received) <> 0 or sum(c.sign * f.open) <> 0 or sum(c.sign * f.done) <> 0
          or sum(c.sign * f.breached) <> 0 or sum(c.sign * f.resolved) <> 0
          or sum(c.sign * f.resolved_on_time) <> 0 or sum(c.sign * f.responded) <> 0
          or sum(c.sign * f.responded_on_time) <> 0 or sum(c.sign * f.respond_seconds) <> 0
          or sum(c.sign * f.resolve_seconds) <> 0
      order by f.grain, f.key, f.day
      on conflict (grain, key, day) do update set
        received = k.received + excluded.received, open = k.open + excluded.open,
        done = k.done + excluded.done, breached = k.breached + excluded.breached,
        resolved = k.resolved + excluded.resolved,
        resolved_on_time = k.resolved_on_time + excluded.resolved_on_time,
        responded = k.responded + excluded.responded,
        responded_on_time = k.responded_on_time + excluded.responded_on_time,
        respond_seconds = k.respond_seconds + excluded.respond_seconds,
        resolve_seconds = k.resolve_seconds + excluded.resolve_seconds;

      with changed as (
        select o as r, -1 as sign from unnest(olds) o
        union all
        select n, 1 from unnest(news) n
      )
      insert into kpi_current as k
      select f.grain, f.key, f.status, sum(c.sign * f.reports), sum(c.sign * f.breached)
      from changed c cross join lateral kpi_current_facts(c.r) f
      group by f.grain, f.key, f.status
      having sum(c.sign * f.reports) <> 0 or sum(c.sign * f.breached) <> 0
      order by f.grain, f.key, f.status
      on conflict (grain, key, status) do update set
        reports = k.reports + excluded.reports, breached = k.breached + excluded.breached;

      with changed as (
        select o as r, -1 as sign from unnest(olds) o
        union all
        select n, 1 from unnest(news) n
      )
      insert into kpi_duration as k
      select f.grain, f.key, f.day, f.metric, f.bucket, sum(c.sign)
      from changed c cross join lateral kpi_duration_facts(c.r) f
      group by f.grain, f.key, f.day, f.metric, f.bucket
      having sum(c.sign) <> 0
      order by f.grain, f.key, f.day, f.metric, f.bucket
      on conflict (grain, key, day, metric, bucket) do update set reports = k.reports + excluded.reports;

      -- live: one notification per report whose history grew (not a rewrite of its public text)
      perform pg_notify('sigap_live', json_build_object(
          'id', n.id, 'ticket', n.ticket, 'status', n.status, 'previousStatus', o.status,
          'category', n.category_code, 'kelurahan', n.kelurahan_code, 'unit', n.assigned_unit_id,
          'previousUnit', o.assigned_unit_id, 'escalatedUnit', n.escalated_unit_id, 'channel', n.channel,
          'seq', n.event_count, 'at', n.updated_at)::text)
        from unnest(news) n
        left join unnest(olds) o on o.id = n.id
        where o.id is null or o.event_count <> n.event_count
        order by n.updated_at, n.id;
      return null;
    end;
    $fn$;

    create trigger report_kpi_insert after insert on report
      referencing new table as new_rows for each statement execute function kpi_apply_report_changes();
    create trigger report_kpi_update after update on report
      referencing old table as old_rows new table as new_rows
      for each statement execute function kpi_apply_report_changes();
    create trigger report_kpi_delete after delete on report
      referencing old table as old_rows for each statement execute function kpi_apply_report_changes();
  `.execute(db);

  // Rebuilds every rollup from the reports: the backfill below, and after a bulk load made with the
  // triggers switched off (bench/kpis.ts).
  await sql`
    create function kpi_rebuild() returns void language plpgsql as $fn$
    begin
      delete from kpi_rollup;
      delete from kpi_current;
      delete from kpi_duration;
      insert into kpi_rollup
      select f.grain, f.key, f.day, sum(f.received), sum(f.open), sum(f.done), sum(f.breached), sum(f.resolved),
             sum(f.resolved_on_time), sum(f.responded), sum(f.responded_on_time), sum(f.respond_seconds),
             sum(f.resolve_seconds)
      from report r cross join lateral kpi_facts(r) f group by f.grain, f.key, f.day;
      insert into kpi_current
      select f.grain, f.key, f.status, sum(f.reports), sum(f.breached)
      from report r cross join lateral kpi_current_facts(r) f group by f.grain, f.key, f.status;
      insert into kpi_duration
      select f.grain, f.key, f.day, f.metric, f.bucket, count(*)
      from report r cross join lateral kpi_duration_facts(r) f group by f.grain, f.key, f.day, f.metric, f.bucket;
    end;
    $fn$;
    select kpi_rebuild();
  `.execute(db);
}
