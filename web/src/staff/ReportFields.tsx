import { useTranslation } from 'react-i18next';
import { Field } from '../ui';
import type { Category } from './api';
import { pick } from './i18n';

/** What the report says, where, and (optionally) its category: the fields every desk form asks for. */
export function ReportFields({
  textLabel,
  textHint,
  text,
  onText,
  address,
  onAddress,
  category,
  onCategory,
  categories,
}: {
  textLabel: string;
  textHint: string;
  text: string;
  onText: (text: string) => void;
  address: string;
  onAddress: (address: string) => void;
  category: string;
  onCategory: (code: string) => void;
  categories: Category[];
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={textLabel} hint={textHint}>
        {(props) => (
          <textarea
            {...props}
            rows={5}
            maxLength={4000}
            value={text}
            onChange={(e) => onText(e.target.value)}
            required
          />
        )}
      </Field>
      <Field label={t('desk.address')} hint={t('desk.addressHint')}>
        {(props) => (
          <input
            {...props}
            type="text"
            maxLength={500}
            value={address}
            onChange={(e) => onAddress(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('desk.category')} hint={t('desk.categoryHint')}>
        {(props) => (
          <select {...props} value={category} onChange={(e) => onCategory(e.target.value)}>
            <option value="">{t('desk.categoryAuto')}</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {pick(c.name)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
