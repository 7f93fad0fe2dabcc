import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { formatDateTime } from '../../format';
import { pick } from '../../i18n';

type Entry = Schemas['CitizenHistoryEntry'] | Schemas['PublicHistoryEntry'];

/** What happened, in plain words, oldest first: the event's name, who, which office, the note. */
export function History({ entries, audience }: { entries: Entry[]; audience: 'citizen' | 'public' }) {
  const { t } = useTranslation();
  const who = (e: Entry) =>
    audience === 'public' && e.actor === 'citizen'
      ? t('view.publicActorCitizen')
      : t(`view.actor.${e.actor}`);
  return (
    <ol className="timeline">
      {entries.map((e) => (
        <li key={e.seq}>
          <strong>{pick(e.label)}</strong>
          <div className="small muted">
            {formatDateTime(e.at)} · {who(e)}
            {e.unit && ` · ${t('view.by', { unit: e.unit.name })}`}
            {e.targetUnit && ` · ${t('view.to', { unit: e.targetUnit.name })}`}
          </div>
          {e.rating != null && <div>{t('view.yourRating', { n: e.rating })}</div>}
          {e.note && <p>{e.note}</p>}
        </li>
      ))}
    </ol>
  );
}
