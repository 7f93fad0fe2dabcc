import type { WorkCalendar } from '../../domain/calendar.js';
import type { EscalationPolicy, SlaPolicy, SlaThresholds } from '../../domain/sla.js';
import type { City } from '../../city/city-types.js';
import { DEFAULT_CITY_DIR, loadCity } from '../../city/load-city.js';
import { KelurahanLocator } from '../../geo/kelurahan-locator.js';

/** The city's data plus what is derived from it once at start: calendar, locator, policies. */
export interface CityContext {
  city: City;
  calendar: WorkCalendar;
  locator: KelurahanLocator;
  thresholds: SlaThresholds;
  escalation: EscalationPolicy;
  slaPolicy(category: string): SlaPolicy;
}

export async function loadCityContext(dir: string | null): Promise<CityContext> {
  const cityDir = dir ?? DEFAULT_CITY_DIR;
  const city = await loadCity(cityDir);
  const locator = KelurahanLocator.fromGeoJSON(city.boundaries.kelurahan);
  const { config } = city;
  const calendar: WorkCalendar = {
    utcOffsetMinutes: config.utcOffsetMinutes,
    workdays: config.workCalendar.workdays,
    workHours: config.workCalendar.workHours,
    holidays: city.holidays,
  };
  return {
    city,
    calendar,
    locator,
    thresholds: config.slaThresholds,
    escalation: config.escalation,
    slaPolicy(category) {
      const policy = city.slaPolicies.get(category);
      if (!policy) throw new Error(`no SLA policy for category ${category}`);
      return policy;
    },
  };
}
