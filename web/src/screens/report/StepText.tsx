import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Bilingual } from '../../api/client';
import { pick } from '../../i18n';
import { Field } from '../../ui';
import type { Draft } from './draft';

interface Suggestion {
  code: string;
  label: Bilingual;
  confidence: number;
}

/** Text first; the category is suggested from the server's model as the citizen types, and can be changed. */
export function StepText({
  draft,
  update,
  error,
}: {
  draft: Draft;
  update: (patch: Partial<Draft>) => void;
  error: string | null;
}) {
  const { t } = useTranslation();
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [categories, setCategories] = useState<{ code: string; name: Bilingual }[]>([]);

  useEffect(() => {
    api.GET('/api/v1/categories').then(
      ({ data }) => data && setCategories(data.items),
      () => undefined,
    );
  }, []);

  const text = draft.text.trim();
  useEffect(() => {
    if (text.length < 12) return setSuggestions([]);
    let live = true;
    const timer = setTimeout(() => {
      api.POST('/api/v1/suggest/category', { body: { text } }).then(
        ({ data }) =>
          live && data && setSuggestions(data.items.filter((s, i) => i === 0 || s.confidence >= 0.1)),
        () => undefined, // suggestions are a help; the report goes through without them
      );
    }, 500);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);

  return (
    <div className="stack">
      <Field label={t('report.textLabel')} hint={t('report.textHint')} error={error}>
        {(props) => (
          <textarea
            {...props}
            value={draft.text}
            maxLength={4000}
            rows={6}
            onChange={(e) => update({ text: e.target.value })}
          />
        )}
      </Field>
      {suggestions.length > 0 && (
        <div className="field" aria-live="polite">
          <span className="field-hint">{t('report.categorySuggested')}:</span>
          <div className="chips">
            {suggestions.map((s) => (
              <button
                key={s.code}
                type="button"
                className="chip"
                aria-pressed={draft.category === s.code}
                onClick={() => update({ category: draft.category === s.code ? null : s.code })}
              >
                {pick(s.label)}
              </button>
            ))}
          </div>
        </div>
      )}
      <Field label={t('report.categoryLabel')} hint={t('report.categoryHint')}>
        {(props) => (
          <select
            {...props}
            value={draft.category ?? ''}
            onChange={(e) => update({ category: e.target.value || null })}
          >
            <option value="">{t('report.categoryAuto')}</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {pick(c.name)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
