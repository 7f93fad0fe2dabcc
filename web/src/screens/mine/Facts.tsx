import { useTranslation } from 'react-i18next';
import type { CitizenView, PublicView } from '../../api/client';
import { formatDateTime } from '../../format';
import { pick, statusName } from '../../i18n';
import { StatusBadge } from '../../ui';

/** Status, kind, place, office and deadlines of a report, as a list of facts. */
export function Facts({ view }: { view: CitizenView | PublicView }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <dt>{t('view.status')}</dt>
      <dd>
        <StatusBadge code={view.status.code} label={statusName(view.status.label)} />
      </dd>
      <dt>{t('view.category')}</dt>
      <dd>{pick(view.category.label)}</dd>
      {view.kelurahan && (
        <>
          <dt>{t('view.kelurahan')}</dt>
          <dd>{view.kelurahan.name}</dd>
        </>
      )}
      <dt>{t('view.office')}</dt>
      <dd>{view.unit?.name ?? t('view.noOffice')}</dd>
      {view.audience === 'citizen' && view.resolvedAt === null && (
        <>
          <dt>{t('view.responseDue')}</dt>
          <dd>{formatDateTime(view.sla.responseDueAt)}</dd>
          <dt>{t('view.completionDue')}</dt>
          <dd>{formatDateTime(view.sla.completionDueAt)}</dd>
        </>
      )}
      {view.ewsUntil && (
        <>
          <dt>{t('view.ewsUntil')}</dt>
          <dd>{formatDateTime(view.ewsUntil)}</dd>
        </>
      )}
    </dl>
  );
}
