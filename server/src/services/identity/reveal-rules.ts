import { DEFAULT_REVEAL_RULES, type RevealRules } from '../../domain/reveal-request.js';
import type { AppContext } from '../app/app-context.js';

/** The city's rules for identity requests (city.json `reveal`), with the defaults where it says nothing. */
export function revealRulesOf(ctx: AppContext): RevealRules {
  return { ...DEFAULT_REVEAL_RULES, ...ctx.city.city.config.reveal };
}
