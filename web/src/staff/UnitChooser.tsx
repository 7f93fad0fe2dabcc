import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Field } from '../ui';
import { findUnits } from './api';
import { errorText } from './errors';

type Unit = { id: string; name: string; kind: string };

/** For those who see the whole city: find a unit by name or code and show its dashboard, or go back to their own. */
export function UnitChooser({
  shown,
  own,
  onChoose,
}: {
  shown: string;
  own: string;
  onChoose: (unit: string | null) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const search = (e: FormEvent) => {
    e.preventDefault();
    findUnits(q.trim()).then(
      (items) => {
        setUnits(items);
        setProblem(null);
      },
      (error: unknown) => setProblem(errorText(error, t)),
    );
  };
  return (
    <form className="dash-chooser" onSubmit={search} aria-label={t('dashboard.chooseTitle')}>
      <Field label={t('dashboard.search')} hint={t('dashboard.searchHint')}>
        {(props) => (
          <input
            {...props}
            type="search"
            name="unit-search"
            maxLength={100}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        )}
      </Field>
      <Button type="submit" variant="secondary">
        {t('dashboard.searchButton')}
      </Button>
      {units !== null &&
        (units.length === 0 ? (
          <p role="status">{t('dashboard.noUnit')}</p>
        ) : (
          <Field label={t('dashboard.pick')}>
            {(props) => (
              <select
                {...props}
                name="unit"
                value={units.some((u) => u.id === shown) ? shown : ''}
                onChange={(e) => e.target.value && onChoose(e.target.value)}
              >
                <option value="">{t('dashboard.pickPrompt', { count: units.length })}</option>
                {units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ))}
      {shown !== own && (
        <Button variant="secondary" onClick={() => onChoose(null)}>
          {t('dashboard.backToOwn')}
        </Button>
      )}
      {problem && <p role="alert">{problem}</p>}
    </form>
  );
}
