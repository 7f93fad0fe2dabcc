import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, navigate } from '../router';
import { Button, Field, StatusBadge } from '../ui';
import { type Category, type Me, type QueueItem, type QueueQuery, readCategories, readQueue } from './api';
import { LoadFailed } from './errors';
import { formatDateTime, pick, statusName } from './i18n';
import { QueueMap } from './QueueMap';
import { SlaFlag } from './SlaFlag';
import { useLoad } from '../use-load';

const OPEN_STATUSES = ['menunggu', 'koordinasi', 'disposisi', 'proses', 'ews', 'menunggu_validasi'] as const;
const STATUS_NAMES: Record<(typeof OPEN_STATUSES)[number], string> = {
  menunggu: 'Menunggu',
  koordinasi: 'Koordinasi',
  disposisi: 'Disposisi',
  proses: 'Proses',
  ews: 'EWS',
  menunggu_validasi: 'Menunggu validasi',
};
const TICKET = /^[A-Za-z]{1,6}[0-9]{10,}$/;
const PAGE = 20;

interface Filters {
  q: string;
  status: string;
  category: string;
  kelurahan: string;
  channel: string;
  overdue: boolean;
  escalated: boolean;
  similar: boolean;
}
const NO_FILTERS: Filters = {
  q: '',
  status: '',
  category: '',
  kelurahan: '',
  channel: '',
  overdue: false,
  escalated: false,
  similar: false,
};

/** Where each queue was left (filters and the page's cursors), so coming back from a report returns there. */
const remembered: Record<
  string,
  { filters: Filters; cursors: (string | undefined)[]; shown: 'list' | 'map' }
> = {};

function queryOf(f: Filters, mode: 'unit' | 'verify', cursor: string | undefined): QueueQuery {
  return {
    limit: PAGE,
    ...(cursor ? { cursor } : {}),
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    ...(f.status ? { status: f.status as QueueQuery['status'] } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.kelurahan.trim() ? { kelurahan: f.kelurahan.trim() } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.overdue ? { overdue: true } : {}),
    ...(f.similar ? { similar: true } : {}),
    ...(mode === 'unit' ? { scope: f.escalated ? ('escalated' as const) : ('assigned' as const) } : {}),
  };
}

/**
 * A unit's queue (officers), or the city's evidence awaiting verification (verifiers): filters the API knows,
 * newest first, a page at a time by the API's cursor. A table: every ticket is a link, reached by Tab.
 */
export function Queue({ mode, me }: { mode: 'unit' | 'verify'; me: Me }) {
  const { t } = useTranslation();
  const saved = remembered[mode] ?? { filters: NO_FILTERS, cursors: [undefined], shown: 'list' };
  const [shown, setShown] = useState<'list' | 'map'>(saved.shown);
  const [filters, setFilters] = useState<Filters>(saved.filters);
  const [draft, setDraft] = useState<Filters>(saved.filters);
  const [cursors, setCursors] = useState<(string | undefined)[]>(saved.cursors);
  const [categories, setCategories] = useState<Category[]>([]);
  useEffect(() => {
    readCategories().then(setCategories, () => setCategories([]));
  }, []);
  useEffect(() => {
    remembered[mode] = { filters, cursors, shown };
  }, [mode, filters, cursors, shown]);

  const cursor = cursors[cursors.length - 1];
  const [page, reload] = useLoad(
    () =>
      shown === 'list'
        ? readQueue(queryOf(filters, mode, cursor))
        : Promise.resolve({ items: [], nextCursor: null }),
    [JSON.stringify(filters), cursor, mode, shown],
  );

  const apply = (e?: FormEvent) => {
    e?.preventDefault();
    const q = draft.q.trim();
    if (TICKET.test(q)) {
      navigate(`/staff/laporan/${q.toUpperCase()}`);
      return;
    }
    setFilters({ ...draft });
    setCursors([undefined]);
  };
  const clear = () => {
    setDraft(NO_FILTERS);
    setFilters(NO_FILTERS);
    setCursors([undefined]);
  };
  const byKelurahan = (code: string) => {
    const next = { ...filters, kelurahan: code };
    setDraft(next);
    setFilters(next);
    setCursors([undefined]);
  };
  const categoryName = (code: string) => {
    const c = categories.find((x) => x.code === code);
    return c ? pick(c.name) : code;
  };
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const title =
    mode === 'verify' ? t('queue.verifyTitle') : t('queue.title', { unit: me.unit?.name ?? me.user.unitId });

  return (
    <section aria-labelledby="queue-title" className="staff-queue">
      <h1 id="queue-title">{title}</h1>
      {mode === 'verify' && <p>{t('queue.verifyIntro')}</p>}
      <form className="staff-filters" onSubmit={apply} aria-label={t('queue.filters')}>
        <div className="staff-filters__search">
          <Field label={t('queue.search')} hint={t('queue.searchHint')}>
            {(props) => (
              <input
                {...props}
                type="search"
                name="q"
                maxLength={100}
                value={draft.q}
                onChange={(e) => set('q', e.target.value)}
              />
            )}
          </Field>
        </div>
        {mode === 'unit' && (
          <Field label={t('queue.status')}>
            {(props) => (
              <select
                {...props}
                name="status"
                value={draft.status}
                onChange={(e) => set('status', e.target.value)}
              >
                <option value="">{t('queue.anyOpen')}</option>
                {OPEN_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {STATUS_NAMES[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('queue.category')}>
          {(props) => (
            <select
              {...props}
              name="category"
              value={draft.category}
              onChange={(e) => set('category', e.target.value)}
            >
              <option value="">{t('queue.anyCategory')}</option>
              {categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {pick(c.name)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('queue.kelurahan')}>
          {(props) => (
            <input
              {...props}
              name="kelurahan"
              inputMode="decimal"
              pattern="[0-9.]{2,20}"
              placeholder="31.71.01.1001"
              value={draft.kelurahan}
              onChange={(e) => set('kelurahan', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('queue.channel')}>
          {(props) => (
            <select
              {...props}
              name="channel"
              value={draft.channel}
              onChange={(e) => set('channel', e.target.value)}
            >
              <option value="">{t('queue.anyChannel')}</option>
              {me.channels.map((c) => (
                <option key={c.code} value={c.code}>
                  {pick(c.name)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="staff-filters__checks">
          <legend className="visually-hidden">{t('queue.filters')}</legend>
          <label>
            <input
              type="checkbox"
              checked={draft.overdue}
              onChange={(e) => set('overdue', e.target.checked)}
            />{' '}
            {t('queue.overdue')}
          </label>
          {mode === 'unit' && (
            <label>
              <input
                type="checkbox"
                checked={draft.escalated}
                onChange={(e) => set('escalated', e.target.checked)}
              />{' '}
              {t('queue.escalated')}
            </label>
          )}
          <label>
            <input
              type="checkbox"
              checked={draft.similar}
              onChange={(e) => set('similar', e.target.checked)}
            />{' '}
            {t('queue.similar')}
          </label>
        </fieldset>
        <div className="staff-filters__buttons">
          <Button type="submit">{t('queue.apply')}</Button>
          <Button variant="secondary" onClick={clear}>
            {t('queue.clear')}
          </Button>
        </div>
      </form>

      <div className="staff-view-switch" role="group" aria-label={t('queue.view')}>
        {(['list', 'map'] as const).map((v) => (
          <Button
            key={v}
            variant={shown === v ? 'primary' : 'secondary'}
            aria-pressed={shown === v}
            onClick={() => setShown(v)}
          >
            {v === 'list' ? t('queue.asList') : t('queue.asMap')}
          </Button>
        ))}
      </div>
      {shown === 'map' && <QueueMap query={queryOf(filters, mode, undefined)} categoryName={categoryName} />}
      {shown === 'list' && page.state === 'loading' && <p role="status">{t('app.loading')}</p>}
      {shown === 'list' && page.state === 'failed' && <LoadFailed error={page.error} retry={reload} />}
      {shown === 'list' && page.state === 'ready' && (
        <>
          <p role="status" className="staff-count">
            {t('queue.pageN', { n: cursors.length })} · {t('queue.count', { count: page.value.items.length })}
          </p>
          {page.value.items.length === 0 ? (
            <p>{t('queue.empty')}</p>
          ) : (
            <div className="staff-table-wrap">
              <table className="staff-table">
                <caption className="visually-hidden">{t('queue.tableLabel')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('queue.colTicket')}</th>
                    <th scope="col">{t('queue.colStatus')}</th>
                    <th scope="col">{t('queue.colSla')}</th>
                    <th scope="col">{t('queue.colWhat')}</th>
                    <th scope="col">{t('queue.colKelurahan')}</th>
                    <th scope="col">{t('queue.colSimilar')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.value.items.map((item) => (
                    <Row
                      key={item.ticket}
                      item={item}
                      categoryName={categoryName}
                      onKelurahan={byKelurahan}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="staff-paging">
            {cursors.length > 1 && (
              <>
                <Button variant="secondary" onClick={() => setCursors([undefined])}>
                  {t('queue.first')}
                </Button>
                <Button variant="secondary" onClick={() => setCursors((c) => c.slice(0, -1))}>
                  {t('queue.previous')}
                </Button>
              </>
            )}
            {page.value.nextCursor && (
              <Button
                variant="secondary"
                onClick={() => setCursors((c) => [...c, page.value.nextCursor ?? undefined])}
              >
                {t('queue.next')}
              </Button>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function Row({
  item,
  categoryName,
  onKelurahan,
}: {
  item: QueueItem;
  categoryName: (code: string) => string;
  onKelurahan: (code: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <tr>
      <th scope="row">
        <Link to={`/staff/laporan/${item.ticket}`} className="staff-ticket">
          {item.ticket}
        </Link>
        <span className="staff-sub">{formatDateTime(item.createdAt)}</span>
      </th>
      <td>
        <StatusBadge code={item.status.code} label={statusName(item.status.label)} />
      </td>
      <td>
        <SlaFlag flag={item.sla.completionFlag} due={item.sla.completionDueAt} />
      </td>
      <td>
        <span className="staff-category">{categoryName(item.category)}</span>
        {item.private && <span className="staff-tag">{t('queue.private')}</span>}
        <span className="staff-excerpt">{item.excerpt}</span>
        <span className="staff-sub">
          {t('queue.colReporter')}: {item.reporter}
        </span>
      </td>
      <td>
        {item.kelurahan ? (
          <button
            type="button"
            className="staff-linkish"
            onClick={() => onKelurahan(item.kelurahan!.code)}
            aria-label={t('queue.filterBy', { name: item.kelurahan.name })}
          >
            {item.kelurahan.name}
          </button>
        ) : (
          '—'
        )}
      </td>
      <td className="staff-num">
        <span className="staff-narrow-label">{t('queue.colSimilar')}: </span>
        {item.similarCount > 0 ? item.similarCount : '—'}
      </td>
    </tr>
  );
}
