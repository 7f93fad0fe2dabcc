import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Field, Notice } from '../../ui';
import { useLoad } from '../../use-load';
import { LoadFailed } from '../errors';
import { formatDateTime } from '../i18n';
import { type Account, type AccountQuery, listAccounts, ROLES } from './admin-api';
import { AccountPanel, type Panel } from './AccountPanel';
import { TemporaryPassword } from './TemporaryPassword';
import { UnitField } from './UnitField';

type State = 'all' | 'active' | 'deactivated';
interface Filters {
  q: string;
  role: string;
  unit: string;
  state: State;
}
const NO_FILTERS: Filters = { q: '', role: '', unit: '', state: 'all' };

function queryOf(f: Filters, cursor?: string): AccountQuery {
  return {
    limit: 100,
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    ...(f.role ? { role: f.role as Account['role'] } : {}),
    ...(f.unit ? { unit: f.unit } : {}),
    ...(f.state !== 'all' ? { active: f.state === 'active' } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

export interface Secret {
  username: string;
  password: string;
  sessionsEnded?: number;
}

/**
 * Staff accounts for administrators: find, create, change, reset a password, deactivate and reactivate. A
 * temporary password is shown once, in this screen's memory only.
 */
export function Accounts() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [list, reload] = useLoad(() => listAccounts(queryOf(filters)), [filters]);
  const [more, setMore] = useState<{ items: Account[]; next: string | null } | null>(null);
  const [panel, setPanel] = useState<Panel | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  useEffect(() => setMore(null), [list]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ ...draft });
  };
  const done = (message: string, shown?: Secret) => {
    setPanel(null);
    setOutcome(message);
    if (shown) setSecret(shown);
    reload();
  };
  useEffect(() => {
    if (outcome && !secret) outcomeRef.current?.focus();
  }, [outcome, secret]);

  const items = list.state === 'ready' ? [...list.value.items, ...(more?.items ?? [])] : [];
  const next = more ? more.next : list.state === 'ready' ? list.value.next : null;
  const loadMore = async () => {
    if (!next) return;
    const page = await listAccounts(queryOf(filters, next));
    setMore({ items: [...(more?.items ?? []), ...page.items], next: page.next });
  };

  return (
    <section aria-labelledby="accounts-title">
      <h1 id="accounts-title">{t('admin.accounts.title')}</h1>
      <p>{t('admin.accounts.intro')}</p>

      {secret && (
        <TemporaryPassword
          username={secret.username}
          password={secret.password}
          sessionsEnded={secret.sessionsEnded}
          onDone={() => setSecret(null)}
        />
      )}
      {outcome && !secret && (
        <div ref={outcomeRef} tabIndex={-1}>
          <Notice kind="ok" live>
            <p>{outcome}</p>
          </Notice>
        </div>
      )}

      {panel ? (
        <AccountPanel panel={panel} onDone={done} onCancel={() => setPanel(null)} />
      ) : (
        <p>
          <Button
            onClick={() => {
              setOutcome(null);
              setPanel({ mode: 'create' });
            }}
          >
            {t('admin.accounts.create')}
          </Button>
        </p>
      )}

      <form
        className="staff-filters staff-account-filters"
        onSubmit={apply}
        aria-label={t('admin.accounts.filters')}
      >
        <Field label={t('admin.accounts.search')}>
          {(props) => (
            <input
              {...props}
              type="search"
              maxLength={80}
              value={draft.q}
              onChange={(e) => setDraft({ ...draft, q: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('admin.accounts.role')}>
          {(props) => (
            <select
              {...props}
              value={draft.role}
              onChange={(e) => setDraft({ ...draft, role: e.target.value })}
            >
              <option value="">{t('admin.accounts.anyRole')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('admin.accounts.state')}>
          {(props) => (
            <select
              {...props}
              value={draft.state}
              onChange={(e) => setDraft({ ...draft, state: e.target.value as State })}
            >
              <option value="all">{t('admin.accounts.anyState')}</option>
              <option value="active">{t('admin.accounts.active')}</option>
              <option value="deactivated">{t('admin.accounts.deactivated')}</option>
            </select>
          )}
        </Field>
        <div className="staff-account-filters__unit">
          <UnitField
            label={t('admin.accounts.unit')}
            emptyChoice={t('admin.accounts.anyUnit')}
            value={draft.unit}
            onChange={(unit) => setDraft({ ...draft, unit })}
          />
        </div>
        <div className="staff-filters__buttons">
          <Button type="submit">{t('admin.accounts.apply')}</Button>
          <Button
            variant="secondary"
            onClick={() => {
              setDraft(NO_FILTERS);
              setFilters(NO_FILTERS);
            }}
          >
            {t('admin.accounts.clear')}
          </Button>
        </div>
      </form>

      {list.state === 'loading' && <p role="status">{t('app.loading')}</p>}
      {list.state === 'failed' && <LoadFailed error={list.error} retry={reload} />}
      {list.state === 'ready' && (
        <>
          <p className="staff-count" role="status">
            {items.length === 0
              ? t('admin.accounts.empty')
              : t('admin.accounts.count', { count: items.length })}
          </p>
          {items.length > 0 && (
            <div className="staff-table-wrap">
              <table className="staff-table staff-accounts">
                <thead>
                  <tr>
                    <th scope="col">{t('admin.accounts.username')}</th>
                    <th scope="col">{t('admin.accounts.name')}</th>
                    <th scope="col">{t('admin.accounts.role')}</th>
                    <th scope="col">{t('admin.accounts.unit')}</th>
                    <th scope="col">{t('admin.accounts.status')}</th>
                    <th scope="col">{t('admin.accounts.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((a) => (
                    <AccountRow
                      key={a.id}
                      account={a}
                      open={(mode) => {
                        setOutcome(null);
                        setPanel({ mode, account: a });
                      }}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {next && (
            <Button variant="secondary" onClick={() => void loadMore()}>
              {t('admin.accounts.more')}
            </Button>
          )}
        </>
      )}
    </section>
  );
}

function AccountRow({
  account: a,
  open,
}: {
  account: Account;
  open: (mode: 'edit' | 'reset' | 'deactivate' | 'reactivate') => void;
}) {
  const { t } = useTranslation();
  const label = (key: string) => <span className="staff-narrow-label">{t(key)}: </span>;
  return (
    <tr className={a.active ? undefined : 'staff-account--off'}>
      <th scope="row" className="staff-ticket">
        {a.username}
      </th>
      <td>
        {label('admin.accounts.name')}
        {a.displayName}
      </td>
      <td>
        {label('admin.accounts.role')}
        {t(`roles.${a.role}`)}
      </td>
      <td>
        {label('admin.accounts.unit')}
        {a.unitName}
        <span className="staff-sub">{a.unitId}</span>
      </td>
      <td>
        {label('admin.accounts.status')}
        {a.active ? t('admin.accounts.active') : t('admin.accounts.deactivated')}
        {!a.active && a.deactivatedAt && (
          <span className="staff-sub">
            {t('admin.accounts.since', { when: formatDateTime(a.deactivatedAt) })}
          </span>
        )}
        {a.active && a.mustChangePassword && (
          <span className="staff-sub">{t('admin.accounts.mustChange')}</span>
        )}
      </td>
      <td>
        <div className="staff-account-actions">
          <Button
            variant="secondary"
            onClick={() => open('edit')}
            aria-label={`${t('admin.accounts.edit')} ${a.username}`}
          >
            {t('admin.accounts.edit')}
          </Button>
          <Button
            variant="secondary"
            onClick={() => open('reset')}
            aria-label={`${t('admin.accounts.reset')} ${a.username}`}
          >
            {t('admin.accounts.reset')}
          </Button>
          {a.active ? (
            <Button
              variant="danger"
              onClick={() => open('deactivate')}
              aria-label={`${t('admin.accounts.deactivate')} ${a.username}`}
            >
              {t('admin.accounts.deactivate')}
            </Button>
          ) : (
            <Button
              variant="secondary"
              onClick={() => open('reactivate')}
              aria-label={`${t('admin.accounts.reactivate')} ${a.username}`}
            >
              {t('admin.accounts.reactivate')}
            </Button>
          )}
        </div>
      </td>
    </tr>
  );
}
