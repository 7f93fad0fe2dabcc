import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, Notice } from '../../ui';
import { findUnits } from '../api';
import { errorText } from '../errors';
import { UnitSearchBox } from '../UnitSearchBox';

type Unit = Awaited<ReturnType<typeof findUnits>>[number];

/** A unit chosen by searching its name or code (a city has hundreds): words, then a pick from what matched. */
export function UnitField({
  value,
  onChange,
  label,
  emptyChoice,
  current,
}: {
  value: string;
  onChange: (id: string) => void;
  label: string;
  /** the first option's words: "choose…", or "all units" in a filter */
  emptyChoice: string;
  /** the unit the account has now, kept as a choice before any search */
  current?: { id: string; name: string } | null;
}) {
  const { t } = useTranslation();
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const search = (words: string) =>
    findUnits(words).then(
      (items) => {
        setUnits(items);
        setProblem(null);
      },
      (error: unknown) => setProblem(errorText(error, t)),
    );
  const options = [...(current ? [current] : []), ...(units ?? []).filter((u) => u.id !== current?.id)];
  return (
    <div className="staff-unit-field">
      <UnitSearchBox
        label={t('admin.accounts.unitSearch')}
        buttonLabel={t('admin.accounts.unitSearchButton')}
        onSearch={(words) => void search(words)}
      />
      {problem && (
        <Notice kind="error" live>
          <p>{problem}</p>
        </Notice>
      )}
      {units && units.length === 0 && <p role="status">{t('admin.accounts.unitNone')}</p>}
      <Field label={label}>
        {(props) => (
          <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="">{emptyChoice}</option>
            {value && !options.some((u) => u.id === value) && <option value={value}>{value}</option>}
            {options.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.id})
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
