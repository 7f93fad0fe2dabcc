import { isConductCategory } from '../../../city/conduct.js';
import { matchingRule, routeReport } from '../../../city/routing.js';
import type { AutoCategory, ReportEvent } from '../../../domain/report-events.js';
import type { ReportState } from '../../../domain/report-state.js';
import type { Text } from '../../../domain/text.js';
import type { StoredEvent } from '../../../store/report-repository.js';
import type { AppContext } from '../../app/app-context.js';

type Sentence = Text;
const percent = (n: number) => `${Math.round(n * 100)}%`;

/** The last event that placed the report: its creation, a reporter's edit that moved it, or a new category. */
function lastRouting(events: StoredEvent[]): ReportEvent | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const { event } = events[i]!;
    if (event.type === 'created' || event.type === 'recategorised') return event;
    if (event.type === 'edited' && event.placement) return event;
  }
  return null;
}

function categorySentence(ctx: AppContext, routed: ReportEvent, state: ReportState): Sentence {
  const name = (code: string) => {
    const c = ctx.city.city.categories.get(code);
    return { id: c?.nameId ?? code, en: c?.nameEn ?? code };
  };
  const model: AutoCategory | undefined =
    routed.type === 'created'
      ? routed.classification
      : routed.type === 'edited'
        ? routed.placement?.category?.classification
        : undefined;
  if (routed.type === 'recategorised') {
    const to = name(routed.toCategory);
    const from = name(routed.fromCategory);
    return {
      id: `Petugas memperbaiki kategorinya dari ${from.id} menjadi ${to.id}.`,
      en: `An officer corrected its category from ${from.en} to ${to.en}.`,
    };
  }
  if (!model) {
    const c = name(state.categoryCode);
    return {
      id: `Kategorinya, ${c.id}, dipilih saat laporan dibuat (bukan oleh model).`,
      en: `Its category, ${c.en}, was chosen when the report was filed (not by the model).`,
    };
  }
  const c = name(model.category);
  const read = {
    id: `Model kategori membaca laporan ini sebagai ${c.id} dengan keyakinan ${percent(model.confidence)}.`,
    en: `The category model read this report as ${c.en} with ${percent(model.confidence)} confidence.`,
  };
  if (model.sure) return read;
  return {
    id: `${read.id} Itu di bawah ambang keyakinan kota, jadi laporan dicatat sebagai Lainnya dan dibawa ke meja triase.`,
    en: `${read.en} That is below the city’s threshold, so the report was filed under Other and sent to the triage desk.`,
  };
}

function placeSentence(ctx: AppContext, routed: ReportEvent, state: ReportState): Sentence | null {
  const kelurahan = state.kelurahanCode ? ctx.city.city.regions.get(state.kelurahanCode)?.name : undefined;
  if (!kelurahan) return null;
  const rule =
    routed.type === 'created' ? routed.routing.rule : routed.type === 'edited' ? routed.placement?.rule : '';
  const how = /(^|; )gps → /.test(rule ?? '')
    ? { id: 'dari titik GPS-nya', en: 'from its GPS point' }
    : /(^|; )alamat → /.test(rule ?? '')
      ? { id: 'dari alamat yang ditulis', en: 'from the address given' }
      : /(^|; )teks laporan → /.test(rule ?? '')
        ? { id: 'dari tempat yang disebut dalam laporan', en: 'from a place the report names' }
        : { id: '', en: '' };
  return {
    id: `Lokasinya di Kelurahan ${kelurahan}${how.id ? `, diketahui ${how.id}` : ''}.`,
    en: `It is in Kelurahan ${kelurahan}${how.en ? `, known ${how.en}` : ''}.`,
  };
}

function unitSentence(ctx: AppContext, state: ReportState): Sentence {
  const { city } = ctx.city;
  const unitName = (id: string | null) => (id ? (city.units.get(id)?.name ?? id) : '');
  const category = city.categories.get(state.categoryCode);
  const categoryName = {
    id: category?.nameId ?? state.categoryCode,
    en: category?.nameEn ?? state.categoryCode,
  };
  if (!state.kelurahanCode)
    return {
      id: `Tempatnya tidak diketahui, jadi laporan ditangani ${unitName(city.config.triageUnitId)} (meja triase) sampai tempatnya jelas.`,
      en: `Its place is not known, so ${unitName(city.config.triageUnitId)} (the triage desk) holds it until the place is clear.`,
    };
  if (isConductCategory(city, state.categoryCode))
    return {
      id: `Pengaduan tentang perilaku aparatur langsung ke ${unitName(state.assignedUnitId)}, tidak ke kantor wilayah tempat kejadian yang mungkin diadukan.`,
      en: `A complaint about officials’ conduct goes straight to ${unitName(state.assignedUnitId)}, not to the offices of its place, which it may accuse.`,
    };
  const rule = matchingRule(city, state.categoryCode, state.kelurahanCode);
  let responsible: string | null = null;
  try {
    responsible = routeReport(city, state.categoryCode, state.kelurahanCode).unitId;
  } catch {
    responsible = null; // the city's rules changed since; say only where it is
  }
  if (!rule || !responsible)
    return {
      id: `Laporan kini ditangani ${unitName(state.assignedUnitId)}.`,
      en: `The report is now with ${unitName(state.assignedUnitId)}.`,
    };
  const region = rule.regionCode ? city.regions.get(rule.regionCode)?.name : undefined;
  const where = region
    ? { id: `di ${region}`, en: `in ${region}` }
    : { id: 'di mana pun di kota', en: 'anywhere in the city' };
  const ruleSays = {
    id: `Aturan kota: laporan ${categoryName.id} ${where.id} ditangani ${unitName(responsible)}.`,
    en: `The city’s rule: ${categoryName.en} reports ${where.en} are handled by ${unitName(responsible)}.`,
  };
  if (state.assignedUnitId === responsible) return ruleSays;
  if (state.suggestedUnitId === responsible)
    return {
      id: `${ruleSays.id} Laporan masuk dulu ke ${unitName(state.assignedUnitId)}, dengan unit itu sebagai saran untuk koordinasi.`,
      en: `${ruleSays.en} The report first lands at ${unitName(state.assignedUnitId)}, with that unit suggested for koordinasi.`,
    };
  return {
    id: `${ruleSays.id} Laporan kini ditangani ${unitName(state.assignedUnitId)}.`,
    en: `${ruleSays.en} The report is now with ${unitName(state.assignedUnitId)}.`,
  };
}

/**
 * Why the report is where it is, as sentences a person reads (never the rule's raw text): who chose the
 * category (the model, with its confidence, or a person), where the report is, and which of the city's
 * routing rules named the responsible unit.
 */
export function routeExplanation(ctx: AppContext, state: ReportState, events: StoredEvent[]): Text | null {
  const routed = lastRouting(events);
  if (!routed) return null;
  const parts = [
    categorySentence(ctx, routed, state),
    placeSentence(ctx, routed, state),
    unitSentence(ctx, state),
  ].filter((p): p is Sentence => p !== null);
  return { id: parts.map((p) => p.id).join(' '), en: parts.map((p) => p.en).join(' ') };
}
