import { DomainError } from '../../domain/domain-error.js';
import type { AutoCategory } from '../../domain/report-events.js';
import type { AppContext } from '../app/app-context.js';

/** The category code a city routes uncertain reports by; its routing rules lead to people who triage. */
export const TRIAGE_CATEGORY = 'lainnya';

export interface ChosenCategory {
  category: string;
  /** The model's decision when the reporter gave no category. */
  auto: AutoCategory | null;
  /** How the category was chosen, for the routing explanation in the history. */
  explanation: string;
}

const percent = (p: number) => `${Math.round(p * 100)}%`;

/**
 * The reporter's category when given (checked against the city's codes); otherwise the model's, when it is
 * sure enough. An unsure model never guesses an office: the report is filed under `lainnya`, whose routing
 * rules lead to triage (Jakarta: the kelurahan), with the model's top three kept as suggestions.
 */
export function chooseCategory(
  ctx: AppContext,
  given: string | null | undefined,
  text: string,
): ChosenCategory {
  if (given) {
    if (!ctx.city.city.categories.has(given))
      throw DomainError.invalid({
        id: `Kategori "${given}" tidak dikenal`,
        en: `Unknown category "${given}"`,
      });
    return { category: given, auto: null, explanation: 'kategori dari pelapor' };
  }
  const auto = ctx.classifier.classify(text);
  const top = auto.top3.map((c) => `${c.category} ${percent(c.confidence)}`).join(', ');
  return auto.sure
    ? { category: auto.category, auto, explanation: `kategori otomatis ${auto.category} (${top})` }
    : {
        category: TRIAGE_CATEGORY,
        auto,
        explanation: `kategori tidak pasti (${top}; ambang ${percent(ctx.classifier.minConfidence)}) → triase`,
      };
}
