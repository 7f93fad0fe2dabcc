import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReportsMap } from '../map/lazy';
import { Notice } from '../ui';
import { type QueueItem, type QueueQuery, readQueue } from './api';
import { LoadFailed } from './errors';
import { statusName } from './i18n';
import { useLoad } from '../use-load';

/** Pages of the queue the map reads (the API's largest page each): the newest 500 matching reports at most. */
const MAP_PAGES = 5;
const MAP_PAGE = 100;

async function readForMap(query: QueueQuery): Promise<{ items: QueueItem[]; capped: boolean }> {
  const items: QueueItem[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAP_PAGES; page++) {
    const answer = await readQueue({ ...query, limit: MAP_PAGE, ...(cursor ? { cursor } : {}) });
    items.push(...answer.items);
    if (!answer.nextCursor) return { items, capped: false };
    cursor = answer.nextCursor;
  }
  return { items, capped: true };
}

/**
 * The queue on a map: the reports the filters select (not only the list's page), at their own points (staff
 * read them; the public map has only kelurahan points). A marker of one report opens it; a place of several lists
 * them. The map's code is the citizen app's (web/src/map), fetched the first time a map is shown.
 */
export function QueueMap({
  query,
  categoryName,
}: {
  query: QueueQuery;
  categoryName: (code: string) => string;
}) {
  const { t } = useTranslation();
  const { cursor: _cursor, limit: _limit, ...filters } = query;
  const [loaded, reload] = useLoad(() => readForMap(filters), [JSON.stringify(filters)]);
  // the last answer stays on the map while new filters load: the map is not rebuilt for each change
  const [shown, setShown] = useState<{ items: QueueItem[]; capped: boolean } | null>(null);
  useEffect(() => {
    if (loaded.state === 'ready') setShown(loaded.value);
  }, [loaded]);
  if (loaded.state === 'failed') return <LoadFailed error={loaded.error} retry={reload} />;
  if (!shown) return <p role="status">{t('queue.mapLoading')}</p>;
  const { items, capped } = shown;
  const unplaced = items.filter((i) => !i.location).length;
  return (
    <div className="staff-queue-map">
      {loaded.state === 'loading' && <p role="status">{t('queue.mapLoading')}</p>}
      {capped && (
        <Notice kind="warn">
          <p>{t('queue.mapCapped', { count: items.length })}</p>
        </Notice>
      )}
      <ReportsMap
        items={items.map((i) => ({ ...i, text: i.excerpt }))}
        categoryName={categoryName}
        statusName={statusName}
        href={(ticket) => `/staff/laporan/${ticket}`}
        openAlone
      />
      {unplaced > 0 && <p className="staff-sub">{t('queue.mapUnplaced', { count: unplaced })}</p>}
    </div>
  );
}
