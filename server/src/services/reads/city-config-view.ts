import type { City, RegionLevel, RoutingRule, UnitKind } from '../../city/city-types.js';
import { authorize } from '../../domain/authorize.js';
import type { Text } from '../../domain/text.js';
import type { StaffUser } from '../../store/people-repository.js';
import type { AppContext } from '../app/app-context.js';
import { actorOf } from '../identity/policies.js';

/**
 * The city's configuration as loaded at start from its data folder, for administrators to read: the categories
 * and where each goes, the routing rules in plain words, the time limits. Nothing here can be changed in the app:
 * the files in the folder are the one source, checked when the server starts (DECISIONS, "City data").
 */

const KIND_NAMES: Record<UnitKind, Text> = {
  pemda: { id: 'Pemerintah Provinsi', en: 'the provincial government' },
  walikota: { id: 'Kantor Wali Kota/Bupati', en: 'the mayor’s or regent’s office' },
  kecamatan: { id: 'Kantor Kecamatan', en: 'the kecamatan office' },
  kelurahan: { id: 'Kantor Kelurahan', en: 'the kelurahan office' },
  dinas: { id: 'Dinas', en: 'the agency (dinas)' },
  suku_dinas: { id: 'Suku Dinas', en: 'the agency branch (suku dinas)' },
  badan: { id: 'Badan', en: 'the board (badan)' },
  biro: { id: 'Biro', en: 'the bureau (biro)' },
  upt: { id: 'UPT', en: 'the technical unit (UPT)' },
  satpol_pp: { id: 'Satpol PP', en: 'the public-order police (Satpol PP)' },
  bumd: { id: 'BUMD', en: 'the city-owned company (BUMD)' },
  external: { id: 'Instansi luar', en: 'the outside body' },
  crm: { id: 'Tim CRM', en: 'the CRM team' },
};

const LEVEL_NAMES: Record<RegionLevel, Text> = {
  kelurahan: { id: 'kelurahan', en: 'kelurahan' },
  kecamatan: { id: 'kecamatan', en: 'kecamatan' },
  kota: { id: 'kota/kabupaten', en: 'city or regency (kota)' },
  provinsi: { id: 'provinsi', en: 'province' },
};

/** Where a rule sends a report, in words: a named office, or the office of a kind found at the report's place. */
export function targetWords(city: City, rule: RoutingRule): Text {
  const { target } = rule;
  if (target.type === 'unit') {
    const name = city.units.get(target.unitId)?.name ?? target.unitId;
    return { id: name, en: name };
  }
  const kind = KIND_NAMES[target.kind];
  const level = LEVEL_NAMES[target.level];
  const sector = target.sector;
  return {
    id: `${kind.id}${sector ? ` bidang ${sector}` : ''} di ${level.id} tempat laporan`,
    en: `${kind.en}${sector ? ` for ${sector}` : ''} of the report’s ${level.en}`,
  };
}

/** A routing rule as a sentence: "Laporan Jalan rusak di mana saja → …". */
export function ruleWords(city: City, rule: RoutingRule): Text {
  const category = city.categories.get(rule.category);
  const region = rule.regionCode === null ? null : city.regions.get(rule.regionCode);
  const where: Text = region
    ? { id: `di ${region.name} (${region.code})`, en: `in ${region.name} (${region.code})` }
    : { id: 'di mana saja', en: 'anywhere' };
  const to = targetWords(city, rule);
  return {
    id: `Laporan "${category?.nameId ?? rule.category}" ${where.id} dikirim ke ${to.id}`,
    en: `Reports of "${category?.nameEn ?? rule.category}" ${where.en} go to ${to.en}`,
  };
}

export function cityConfigView(ctx: AppContext, user: StaffUser) {
  authorize(actorOf(user), 'city.read');
  const { city, thresholds, escalation } = ctx.city;
  const { config } = city;
  const everywhere = new Map(
    city.routingRules.filter((r) => r.regionCode === null).map((r) => [r.category, r] as const),
  );
  return {
    city: { id: config.id, name: config.name, timeZone: config.timeZone },
    dataFolder: city.dir,
    files: ['city.json', 'categories.csv', 'routing.csv', 'sla.csv', 'units.csv', 'holidays.csv'],
    categories: [...city.categories.values()].map((c) => {
      const rule = everywhere.get(c.code);
      return {
        code: c.code,
        name: { id: c.nameId, en: c.nameEn },
        sector: c.sector,
        routesTo: rule ? targetWords(city, rule) : null,
        exceptions: city.routingRules.filter((r) => r.category === c.code && r.regionCode !== null).length,
      };
    }),
    routingRules: city.routingRules.map((rule) => ({
      category: rule.category,
      regionCode: rule.regionCode,
      words: ruleWords(city, rule),
      source: rule.text,
    })),
    timeLimits: [...city.slaPolicies.values()].map((p) => ({
      category: p.category,
      responseHours: p.responseHours,
      completionHours: p.completionHours,
      clock: p.clock,
    })),
    workCalendar: {
      workdays: [...config.workCalendar.workdays],
      start: config.workCalendar.workHours.start,
      end: config.workCalendar.workHours.end,
      holidays: city.holidays.size,
    },
    yellowAtFraction: thresholds.yellowAtFraction,
    escalation: { afterOverdueHours: escalation.afterOverdueHours, clock: escalation.clock },
  };
}
