import { useTranslation } from 'react-i18next';
import { Choice, Field } from '../../ui';
import type { Draft } from './draft';

export type IdentityErrors = Partial<Record<'phone' | 'email' | 'nik', string>>;

/** Who may see the report, and (optionally) who the reporter is, with who can ever see that. */
export function StepSend({
  draft,
  update,
  errors,
}: {
  draft: Draft;
  update: (patch: Partial<Draft>) => void;
  errors: IdentityErrors;
}) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <fieldset className="field">
        <legend>{t('report.sendTitle')}</legend>
        <Choice
          type="radio"
          name="visibility"
          checked={draft.private}
          onChange={() => update({ private: true })}
          title={t('report.privateLabel')}
          hint={t('report.privateHint')}
        />
        <Choice
          type="radio"
          name="visibility"
          checked={!draft.private}
          onChange={() => update({ private: false })}
          title={t('report.publicLabel')}
          hint={t('report.publicHint')}
        />
      </fieldset>
      <Choice
        type="checkbox"
        name="anonymous"
        checked={draft.anonymous}
        onChange={(anonymous) => update({ anonymous })}
        title={t('report.anonymousLabel')}
        hint={t('report.anonymousHint')}
      />
      {!draft.anonymous && (
        <fieldset className="stack">
          <legend>
            <h2>{t('report.identityTitle')}</h2>
          </legend>
          <p className="small">{t('report.identityExplain')}</p>
          <Field label={t('report.name')}>
            {(props) => (
              <input
                {...props}
                type="text"
                autoComplete="name"
                maxLength={120}
                value={draft.name}
                onChange={(e) => update({ name: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('report.phone')} error={errors.phone}>
            {(props) => (
              <input
                {...props}
                type="tel"
                autoComplete="tel"
                inputMode="tel"
                value={draft.phone}
                onChange={(e) => update({ phone: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('report.email')} error={errors.email}>
            {(props) => (
              <input
                {...props}
                type="email"
                autoComplete="email"
                maxLength={200}
                value={draft.email}
                onChange={(e) => update({ email: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('report.nik')} error={errors.nik}>
            {(props) => (
              <input
                {...props}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                maxLength={19}
                value={draft.nik}
                onChange={(e) => update({ nik: e.target.value })}
              />
            )}
          </Field>
        </fieldset>
      )}
    </div>
  );
}
