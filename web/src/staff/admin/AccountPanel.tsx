import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Field, Notice } from '../../ui';
import { errorText } from '../errors';
import {
  type Account,
  changeAccount,
  createAccount,
  deactivate,
  reactivate,
  resetPassword,
  type Role,
  ROLES,
} from './admin-api';
import type { Secret } from './Accounts';
import { UnitField } from './UnitField';

export type Panel =
  { mode: 'create' } | { mode: 'edit' | 'reset' | 'deactivate' | 'reactivate'; account: Account };

const MIN_REASON = 5;

/** One task on the accounts screen at a time: a form, or a confirmation before an action that cannot wait. */
export function AccountPanel({
  panel,
  onDone,
  onCancel,
}: {
  panel: Panel;
  onDone: (message: string, secret?: Secret) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const account = panel.mode === 'create' ? null : panel.account;
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(account?.displayName ?? '');
  const [role, setRole] = useState<Role | ''>(account?.role ?? '');
  const [unit, setUnit] = useState(account?.unitId ?? '');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [panel]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(errorText(error, t));
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const name = account?.username ?? username.trim();
    switch (panel.mode) {
      case 'create':
        if (!username.trim() || !displayName.trim() || !role || !unit)
          return setProblem(t('admin.accounts.fill'));
        return void run(async () => {
          const made = await createAccount({
            username: username.trim(),
            displayName: displayName.trim(),
            role,
            unitId: unit,
          });
          onDone(t('admin.accounts.saved', { username: name }), {
            username: made.account.username,
            password: made.temporaryPassword,
          });
        });
      case 'edit': {
        const change = {
          ...(displayName.trim() !== panel.account.displayName ? { displayName: displayName.trim() } : {}),
          ...(role && role !== panel.account.role ? { role } : {}),
          ...(unit && unit !== panel.account.unitId ? { unitId: unit } : {}),
        };
        if (Object.keys(change).length === 0) return onCancel();
        return void run(async () => {
          await changeAccount(panel.account.id, change);
          onDone(t('admin.accounts.saved', { username: name }));
        });
      }
      case 'reset':
        return void run(async () => {
          const reset = await resetPassword(panel.account.id);
          onDone(t('admin.accounts.saved', { username: name }), {
            username: name,
            password: reset.temporaryPassword,
            sessionsEnded: reset.sessionsEnded,
          });
        });
      case 'deactivate':
        if (reason.trim().length < MIN_REASON) return setProblem(t('admin.accounts.reasonShort'));
        return void run(async () => {
          await deactivate(panel.account.id, reason.trim());
          onDone(t('admin.accounts.deactivated_', { username: name }));
        });
      case 'reactivate':
        return void run(async () => {
          await reactivate(panel.account.id);
          onDone(t('admin.accounts.reactivated', { username: name }));
        });
    }
  };

  const vars = { username: account?.username ?? '' };
  const title = {
    create: t('admin.accounts.createTitle'),
    edit: t('admin.accounts.editTitle', vars),
    reset: t('admin.accounts.resetTitle', vars),
    deactivate: t('admin.accounts.deactivateTitle', vars),
    reactivate: t('admin.accounts.reactivateTitle', vars),
  }[panel.mode];
  const submitLabel = {
    create: t('admin.accounts.submitCreate'),
    edit: t('admin.accounts.submitEdit'),
    reset: t('admin.accounts.submitReset'),
    deactivate: t('admin.accounts.submitDeactivate'),
    reactivate: t('admin.accounts.submitReactivate'),
  }[panel.mode];

  let fields: ReactNode = null;
  if (panel.mode === 'create' || panel.mode === 'edit')
    fields = (
      <div className="staff-account-form">
        {panel.mode === 'create' && (
          <Field label={t('admin.accounts.username')} hint={t('admin.accounts.usernameHint')}>
            {(props) => (
              <input
                {...props}
                type="text"
                autoComplete="off"
                spellCheck={false}
                maxLength={40}
                value={username}
                onChange={(e) => setUsername(e.target.value.toLowerCase())}
                required
              />
            )}
          </Field>
        )}
        <Field label={t('admin.accounts.displayName')}>
          {(props) => (
            <input
              {...props}
              type="text"
              autoComplete="off"
              maxLength={120}
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              required
            />
          )}
        </Field>
        <Field label={t('admin.accounts.role')}>
          {(props) => (
            <select {...props} value={role} onChange={(e) => setRole(e.target.value as Role)} required>
              <option value="">{t('admin.accounts.roleChoose')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <UnitField
          label={t('admin.accounts.unit')}
          emptyChoice={t('admin.accounts.unitChoose')}
          value={unit}
          onChange={setUnit}
          current={account ? { id: account.unitId, name: account.unitName } : null}
        />
      </div>
    );
  if (panel.mode === 'deactivate')
    fields = (
      <>
        <p>{t('admin.accounts.deactivateIntro')}</p>
        <Field label={t('admin.accounts.reason')} hint={t('admin.accounts.reasonHint')}>
          {(props) => (
            <input
              {...props}
              type="text"
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
            />
          )}
        </Field>
      </>
    );
  if (panel.mode === 'reset') fields = <p>{t('admin.accounts.resetIntro')}</p>;
  if (panel.mode === 'reactivate') fields = <p>{t('admin.accounts.reactivateIntro')}</p>;

  return (
    <section className="staff-card staff-account-panel" aria-labelledby="account-panel-title">
      <h2 id="account-panel-title" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {problem && (
        <Notice kind="error" live>
          <p>{problem}</p>
        </Notice>
      )}
      <form onSubmit={submit} noValidate>
        {fields}
        <div className="staff-form-buttons">
          <Button type="submit" variant={panel.mode === 'deactivate' ? 'danger' : 'primary'} disabled={busy}>
            {busy ? t('admin.accounts.busy') : submitLabel}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {t('admin.accounts.cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}
