import { useTranslation } from 'react-i18next';
import { formatDateTime } from './i18n';

/** An SLA flag in its colour, always with its meaning in words and the deadline. */
export function SlaFlag({
  flag,
  due,
  label,
}: {
  flag: 'green' | 'yellow' | 'red';
  due: string;
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <span className={`sla sla--${flag}`}>
      <span className="sla__dot" aria-hidden="true" />
      <span>
        {label && <>{label}: </>}
        <strong>{t(`sla.${flag}`)}</strong>
        <span className="staff-sub">{t('sla.due', { when: formatDateTime(due) })}</span>
      </span>
    </span>
  );
}
