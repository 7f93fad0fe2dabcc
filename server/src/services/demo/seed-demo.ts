import sharp from 'sharp';
import type { Command } from '../../domain/decide.js';
import type { Actor } from '../../domain/report-events.js';
import { hasReports, hasUsers } from '../../store/database-contents.js';
import type { UserRole } from '../../store/schema.js';
import { act, loadReport } from '../handling/actions.js';
import type { AppContext } from '../app/app-context.js';
import { escalateOverdue } from '../handling/escalation.js';
import { createReport, type NewReport } from '../intake/intake.js';
import { createUser } from '../identity/staff-auth.js';
import { DEMO_CHANNELS, DEMO_TEXTS } from './demo-texts.js';
import { mulberry32, pick } from '../../domain/random.js';
import { generatedPassword } from '../../security/passwords.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DemoSummary {
  reports: number;
  /** each account with the password generated for it: shown once, never stored in the database */
  users: Array<{ username: string; role: UserRole; unitName: string; password: string }>;
}

/** Category weights follow Jakarta's 2024 mix: roads, trees and illegal parking lead. */
const WEIGHTED_CATEGORIES = Object.keys(DEMO_TEXTS).flatMap((code) =>
  Array<string>(
    code === 'jalan' ? 8 : code === 'pohon' || code === 'parkir_liar' ? 6 : code === 'sampah' ? 4 : 1,
  ).fill(code),
);

async function evidencePhoto(seed: number): Promise<Buffer> {
  const r = seed % 200;
  return sharp({ create: { width: 96, height: 72, channels: 3, background: { r, g: 120, b: 255 - r } } })
    .jpeg()
    .toBuffer();
}

function demoAccounts(ctx: AppContext) {
  const units = ctx.city.city.units;
  const first = (kind: string, sector?: string) =>
    [...units.values()].find(
      (u) =>
        u.kind === kind && (sector === undefined || u.sector === sector) && u.regionCode?.startsWith('31.74'),
    );
  const kelurahan = first('kelurahan');
  const kecamatan = kelurahan?.parentId ? units.get(kelurahan.parentId) : undefined;
  const sudin = first('suku_dinas', 'bina-marga');
  const accounts: Array<{ username: string; role: UserRole; unitId: string | undefined; name: string }> = [
    { username: 'lurah.demo', role: 'officer', unitId: kelurahan?.id, name: 'Petugas Kelurahan (demo)' },
    { username: 'camat.demo', role: 'officer', unitId: kecamatan?.id, name: 'Petugas Kecamatan (demo)' },
    {
      username: 'sudin.binamarga.demo',
      role: 'officer',
      unitId: sudin?.id,
      name: 'Petugas Sudin Bina Marga (demo)',
    },
    {
      username: 'dinas.binamarga.demo',
      role: 'officer',
      unitId: sudin?.parentId ?? undefined,
      name: 'Petugas Dinas Bina Marga (demo)',
    },
    {
      username: 'verifikator.demo',
      role: 'verifier',
      unitId: ctx.city.city.config.verifierUnitId,
      name: 'Verifikator Biro Pemerintahan (demo)',
    },
    {
      username: 'admin.demo',
      role: 'admin',
      unitId: ctx.city.city.config.verifierUnitId,
      name: 'Admin CRM (demo)',
    },
    {
      username: 'pantau.demo',
      role: 'monitor',
      unitId: ctx.city.city.config.verifierUnitId,
      name: 'Layar Ruang Pantau (demo)',
    },
    {
      username: 'kepala.jsc.demo',
      role: 'reveal_authority',
      unitId: ctx.city.city.config.revealAuthorityUnitId,
      name: 'Kepala UP JSC (demo)',
    },
  ];
  return accounts.filter((a): a is typeof a & { unitId: string } => !!a.unitId && units.has(a.unitId));
}

/** A point inside the kelurahan: its interior point, nudged a little, kept only if still inside. */
function pointIn(ctx: AppContext, code: string, random: () => number) {
  const centre = ctx.city.locator.centroidOf(code);
  if (!centre) return null;
  for (let i = 0; i < 5; i++) {
    const lat = centre.lat + (random() - 0.5) * 0.004;
    const lng = centre.lng + (random() - 0.5) * 0.004;
    if (ctx.city.locator.locate(lat, lng)?.code === code) return { lat, lng };
  }
  return centre;
}

type Fate = 'menunggu' | 'proses' | 'ews' | 'validasi' | 'selesai' | 'kembali' | 'ditolak' | 'dicabut';

function fateFor(ageDays: number, random: () => number): Fate {
  const x = random();
  if (ageDays < 1) return x < 0.6 ? 'menunggu' : 'proses';
  if (ageDays < 4) return x < 0.15 ? 'menunggu' : x < 0.45 ? 'proses' : x < 0.6 ? 'validasi' : 'selesai';
  if (x < 0.03) return 'ditolak';
  if (x < 0.05) return 'dicabut';
  if (x < 0.08) return 'ews';
  if (x < 0.11) return 'kembali';
  if (x < 0.14) return 'proses';
  return 'selesai';
}

/**
 * How many reports live at once while the month is generated. Each report's life is a chain of awaits on the
 * database, the media pipeline and the password hasher; several chains keep the embedded engine's thread, the
 * main thread and the image threads busy together instead of in turn, and let the intake coalescers write
 * several new reports in one statement. On a shared 2-core machine the 600 reports took 22–24 s one at a time
 * and 13–17 s in 8 lanes (4 and 16 lanes were no better within the noise).
 */
const LANES = 8;

/** One generated report: what the citizen sends, when, and how its life is to go. */
interface PlannedReport {
  created: number;
  input: NewReport & { channel: string };
  fate: Fate;
  /** Seeds the report's own generator, so its life is the same whichever lane runs it and when. */
  lifeSeed: number;
}

/**
 * Runs `live` over the items, at most `lanes` at a time, each lane taking the next item in order. After a
 * failure no new item is started; the ones running are awaited, then the first error is thrown.
 */
async function inLanes<T>(
  items: readonly T[],
  lanes: number,
  live: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const lane = async () => {
    while (failures.length === 0 && next < items.length) {
      const item = items[next++]!;
      await live(item).catch((error: unknown) => void failures.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
  if (failures.length > 0) throw failures[0];
}

/**
 * A month of generated reports across kelurahan, categories, channels and statuses, driven through the same
 * services as real traffic (so every event and deadline is genuine), plus demo staff accounts. Every report is
 * planned first, in time order, from the seeded generator; then up to LANES reports live at once, each on its
 * own clock, so every event carries the time of its own report's life. Reports do not wait for each other's
 * moments (they did not one at a time either: each report lived its whole life before the next was filed), so
 * a new report may meet another further along, or less far, than it was at that time: the month is generated,
 * not replayed. What is generated (texts, places, channels, times, fates) depends on the seed alone.
 */
export async function seedDemo(ctx: AppContext, count = 600, seed = 2026): Promise<DemoSummary> {
  const random = mulberry32(seed);
  const users = demoAccounts(ctx).map((u) => ({ ...u, password: generatedPassword() }));
  for (const u of users)
    await createUser(ctx, {
      username: u.username,
      password: u.password,
      role: u.role,
      unitId: u.unitId,
      displayName: u.name,
    });
  const kelurahan = [...ctx.city.city.regions.values()].filter(
    (r) => r.level === 'kelurahan' && ctx.city.locator.centroidOf(r.code),
  );
  const focusCode = users.find((u) => u.role === 'officer')?.unitId;
  const focusRegion = focusCode ? ctx.city.city.units.get(focusCode)?.regionCode : undefined;
  const focus = kelurahan.find((r) => r.code === focusRegion);
  const end = ctx.now().getTime();
  const quiet = ctx.log.child({}, { level: 'warn' });

  const plans: PlannedReport[] = [];
  for (let i = 0; i < count; i++) {
    const created = end - 30 * DAY + Math.floor(((i + random()) / count) * 30 * DAY);
    const category = pick(random, WEIGHTED_CATEGORIES);
    // a share of the month falls in the demo kelurahan, so the demo accounts have a queue to work on
    const region = focus && random() < 0.15 ? focus : pick(random, kelurahan);
    const point = pointIn(ctx, region.code, random);
    const channel = pick(random, DEMO_CHANNELS);
    const input: NewReport & { channel: string } = {
      text: pick(random, DEMO_TEXTS[category] ?? ['Mohon ditindaklanjuti']),
      ...(channel === 'jaki' && point ? point : { address: `Kel. ${region.name}` }),
      category,
      channel,
      private: random() < 0.55,
      anonymous: random() < 0.2,
    };
    const fate = fateFor((end - created) / DAY, random);
    plans.push({ created, input, fate, lifeSeed: Math.floor(random() * 2 ** 32) });
  }

  const officer = (unitId: string): Actor => ({ kind: 'officer', id: 'demo-petugas', unitId });
  const verifier: Actor = {
    kind: 'verifier',
    id: 'demo-verifikator',
    unitId: ctx.city.city.config.verifierUnitId,
  };

  /** One report from intake to where its fate leaves it, through the real services, on its own clock. */
  const live = async (plan: PlannedReport) => {
    let clock = plan.created;
    const own: AppContext = { ...ctx, now: () => new Date(clock), log: quiet };
    const random = mulberry32(plan.lifeSeed);
    const hours = (min: number, max: number) => (min + random() * (max - min)) * HOUR;
    const { ticket } = await createReport(own, plan.input, [], null);
    const step = async (at: number, command: Command, actor: Actor, photos = 0) => {
      clock = at;
      const uploads = await Promise.all(Array.from({ length: photos }, (_, i) => evidencePhoto(at + i)));
      return act(
        own,
        ticket,
        command,
        actor,
        uploads.map((data) => ({ data })),
      );
    };
    const { fate, created } = plan;
    if (fate === 'menunggu') return;
    const first = await loadReport(own, ticket);
    const citizen: Actor = { kind: 'citizen', id: first.citizenId, unitId: null };
    let t = created + hours(0.5, 6);
    if (fate === 'dicabut')
      return void (await step(t, { type: 'withdraw', reason: 'Sudah dibereskan warga' }, citizen));
    let unit = first.assignedUnitId;
    if (first.suggestedUnitId && random() < 0.7) {
      await step(t, { type: 'coordinate', targetUnitId: first.suggestedUnitId }, officer(unit));
      unit = first.suggestedUnitId;
      t += hours(1, 8);
    }
    if (t > end) return;
    if (fate === 'ditolak')
      return void (await step(
        t,
        { type: 'reject', reason: 'Bukan kewenangan Pemprov; sudah diteruskan ke pengelola swasta' },
        officer(unit),
      ));
    await step(t, { type: 'start_process', note: 'Tim sudah dijadwalkan ke lokasi' }, officer(unit));
    t += hours(4, 60);
    if (fate === 'proses' || t > end) return;
    if (fate === 'ews')
      return void (await step(
        t,
        { type: 'set_ews', until: new Date(t + 10 * DAY), reason: 'Menunggu material dan anggaran' },
        officer(unit),
      ));
    await step(
      t,
      { type: 'follow_up', attachmentIds: [], note: 'Sudah ditangani, foto terlampir' },
      officer(unit),
      1,
    );
    t += hours(1, 12);
    if (fate === 'validasi' || t > end) return;
    if (fate === 'kembali')
      return void (await step(
        t,
        { type: 'return', note: 'Foto bukti tidak sesuai lokasi laporan' },
        verifier,
      ));
    await step(t, { type: 'approve' }, verifier);
    t += hours(2, 48);
    if (t <= end && random() < 0.5)
      await step(
        t,
        {
          type: 'rate',
          rating: 3 + Math.floor(random() * 3),
          comment: pick(random, ['Terima kasih, cepat', 'Sudah beres', null]),
        },
        citizen,
      );
  };

  await inLanes(plans, LANES, live);
  await escalateOverdue({ ...ctx, log: quiet });
  const unitName = (id: string) => ctx.city.city.units.get(id)?.name ?? id;
  return {
    reports: count,
    users: users.map((u) => ({
      username: u.username,
      role: u.role,
      unitName: unitName(u.unitId),
      password: u.password,
    })),
  };
}

/** Seeds only a database with no reports and no staff accounts, so restarting never duplicates demo data. */
export async function seedDemoIfEmpty(ctx: AppContext): Promise<DemoSummary | null> {
  if ((await hasReports(ctx.store.db)) || (await hasUsers(ctx.store.db))) return null;
  return seedDemo(ctx);
}
