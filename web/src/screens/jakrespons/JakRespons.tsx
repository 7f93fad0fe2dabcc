import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Bilingual, failure, type Schemas, type StatusCode } from '../../api/client';
import { formatDateTime } from '../../format';
import { pick, statusName } from '../../i18n';
import { Link } from '../../router';
import { Button, Field, Notice, StatusBadge } from '../../ui';
import { ReportsMap } from '../../map/lazy';
import { LoadFailed } from '../ErrorText';

type Item = Schemas['PublicFeedItem'];
interface Filters {
  kota: string;
  kecamatan: string;
  kelurahan: string;
  category: string;
  status: '' | StatusCode;
}

const STATUSES: { code: StatusCode; label: Bilingual }[] = [
  { code: 'menunggu', label: { id: 'Menunggu', en: 'Waiting' } },
  { code: 'koordinasi', label: { id: 'Koordinasi', en: 'Coordination' } },
  { code: 'disposisi', label: { id: 'Disposisi', en: 'Delegated' } },
  { code: 'proses', label: { id: 'Proses', en: 'In progress' } },
  { code: 'ews', label: { id: 'EWS (Estimasi Waktu Selesai)', en: 'Extended (estimated completion)' } },
  { code: 'menunggu_validasi', label: { id: 'Menunggu validasi', en: 'Awaiting verification' } },
  { code: 'selesai', label: { id: 'Selesai', en: 'Done' } },
];

type Region = { code: string; name: string };
const NO_FILTERS: Filters = { kota: '', kecamatan: '', kelurahan: '', category: '', status: '' };
/** A page: on the map, more at once (markers are grouped; the list reads better a screen at a time). */
const PAGE = { list: 20, map: 100 } as const;

/** The regions within one (cascading filters); none until a parent is chosen. */
function useRegionsWithin(parent: string): Region[] {
  const [items, setItems] = useState<Region[]>([]);
  useEffect(() => {
    setItems([]);
    if (!parent) return;
    let current = true;
    api.GET('/api/v1/regions', { params: { query: { parent } } }).then(
      ({ data }) => current && data && setItems(data.items),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [parent]);
  return items;
}

/** JakRespons: public reports being handled, newest first, as a list or on a map, with filters and "load more". */
export function JakRespons() {
  const { t } = useTranslation();
  const [view, setView] = useState<'list' | 'map'>('list');
  const [kotas, setKotas] = useState<Region[]>([]);
  const [categories, setCategories] = useState<{ code: string; name: Bilingual }[]>([]);
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const kecamatans = useRegionsWithin(draft.kota);
  const kelurahans = useRegionsWithin(draft.kecamatan);
  const [filters, setFilters] = useState<Filters>(draft);
  const [items, setItems] = useState<Item[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [error, setError] = useState<unknown>(null);
  // the filters stand open on a wide screen; on a phone they fold away above the list
  const [wide] = useState(() => window.matchMedia('(min-width: 40rem)').matches);

  useEffect(() => {
    api.GET('/api/v1/regions/kota').then(
      ({ data }) => data && setKotas(data.items),
      () => undefined,
    );
    api.GET('/api/v1/categories').then(
      ({ data }) => data && setCategories(data.items),
      () => undefined,
    );
  }, []);

  const load = async (from: string | null, replace: boolean) => {
    setState('loading');
    try {
      const query = {
        limit: PAGE[view],
        ...(from ? { cursor: from } : {}),
        ...(filters.kota ? { kota: filters.kota } : {}),
        ...(filters.kecamatan ? { kecamatan: filters.kecamatan } : {}),
        ...(filters.kelurahan ? { kelurahan: filters.kelurahan } : {}),
        ...(filters.category ? { category: filters.category } : {}),
        ...(filters.status ? { status: filters.status } : {}),
      };
      const {
        data,
        error: failed,
        response,
      } = await api.GET('/api/v1/public/reports', { params: { query } });
      if (!data) throw failure(response, failed);
      setItems((old) => (replace ? data.items : [...old, ...data.items]));
      setCursor(data.nextCursor);
      setState('ready');
    } catch (e) {
      setError(e);
      setState('failed');
    }
  };

  useEffect(() => {
    void load(null, true); // the first page again whenever the applied filters change
  }, [filters, view]);

  const active = [
    filters.kota,
    filters.kecamatan,
    filters.kelurahan,
    filters.category,
    filters.status,
  ].filter(Boolean).length;
  const categoryName = (code: string) => {
    const found = categories.find((c) => c.code === code);
    return found ? pick(found.name) : code;
  };

  return (
    <div className="stack">
      <h1>{t('public.title')}</h1>
      <p>{t('public.intro')}</p>
      <details className="card disclosure" open={wide}>
        <summary>
          {t('public.filter')}
          {active > 0 && ` (${t('public.active', { count: active })})`}
        </summary>
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            setFilters(draft);
          }}
        >
          <Field label={t('public.kota')}>
            {(props) => (
              <select
                {...props}
                value={draft.kota}
                onChange={(e) => setDraft({ ...draft, kota: e.target.value, kecamatan: '', kelurahan: '' })}
              >
                <option value="">{t('public.all')}</option>
                {kotas.map((k) => (
                  <option key={k.code} value={k.code}>
                    {k.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('public.kecamatan')} hint={draft.kota ? undefined : t('public.kecamatanHint')}>
            {(props) => (
              <select
                {...props}
                value={draft.kecamatan}
                disabled={!draft.kota}
                onChange={(e) => setDraft({ ...draft, kecamatan: e.target.value, kelurahan: '' })}
              >
                <option value="">{t('public.all')}</option>
                {kecamatans.map((k) => (
                  <option key={k.code} value={k.code}>
                    {k.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('public.kelurahan')} hint={draft.kecamatan ? undefined : t('public.kelurahanHint')}>
            {(props) => (
              <select
                {...props}
                value={draft.kelurahan}
                disabled={!draft.kecamatan}
                onChange={(e) => setDraft({ ...draft, kelurahan: e.target.value })}
              >
                <option value="">{t('public.all')}</option>
                {kelurahans.map((k) => (
                  <option key={k.code} value={k.code}>
                    {k.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('public.category')}>
            {(props) => (
              <select
                {...props}
                value={draft.category}
                onChange={(e) => setDraft({ ...draft, category: e.target.value })}
              >
                <option value="">{t('public.all')}</option>
                {categories.map((c) => (
                  <option key={c.code} value={c.code}>
                    {pick(c.name)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('public.status')}>
            {(props) => (
              <select
                {...props}
                value={draft.status}
                onChange={(e) => setDraft({ ...draft, status: e.target.value as Filters['status'] })}
              >
                <option value="">{t('public.all')}</option>
                {STATUSES.map((s) => (
                  <option key={s.code} value={s.code}>
                    {statusName(s.label)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Button type="submit">{t('public.apply')}</Button>
        </form>
      </details>
      <div className="view-switch" role="group" aria-label={t('public.view')}>
        {(['list', 'map'] as const).map((v) => (
          <Button
            key={v}
            variant={view === v ? 'primary' : 'secondary'}
            aria-pressed={view === v}
            onClick={() => setView(v)}
          >
            {t(v === 'list' ? 'public.viewList' : 'public.viewMap')}
          </Button>
        ))}
      </div>
      {state === 'failed' && <LoadFailed error={error} retry={() => void load(null, true)} />}
      {state === 'ready' && items.length === 0 && <Notice>{t('public.empty')}</Notice>}
      {view === 'map' && <ReportsMap items={items} categoryName={categoryName} statusName={statusName} />}
      {view === 'list' && (
        <ul className="list" aria-live="polite">
          {items.map((item) => (
            <li key={item.ticket}>
              <Link to={`/laporan/${item.ticket}`} className="card card--link stack">
                <strong>{item.ticket}</strong>
                <span className="row">
                  <StatusBadge code={item.status.code} label={statusName(item.status.label)} />
                  <span>{categoryName(item.category)}</span>
                </span>
                <span className="small">{item.text ?? t('public.noText')}</span>
                <span className="small muted">
                  {item.kelurahan?.name ? `${item.kelurahan.name} · ` : ''}
                  {t('public.reportedAt', { date: formatDateTime(item.createdAt) })}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {state === 'loading' && <p role="status">{t('app.loading')}</p>}
      {state === 'ready' && cursor && (
        <Button variant="secondary" block onClick={() => void load(cursor, false)}>
          {t('public.more')}
        </Button>
      )}
    </div>
  );
}
