import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../router';
import { Button, Field, Notice } from '../ui';
import {
  act,
  type ActionName,
  type Category,
  findUnits,
  type Me,
  RequestFailed,
  type StaffView,
} from './api';
import { errorText } from './errors';
import { i18n, pick } from './i18n';
import { predicted } from './optimistic';
import { UnitSearchBox } from './UnitSearchBox';

/** The order the buttons appear in; only those the API lists in allowedActions are shown. */
const ORDER: ActionName[] = [
  'process',
  'coordinate',
  'delegate',
  'follow-up',
  'approve',
  'return',
  'ews',
  'recategorise',
  'merge',
  'reject',
  'note',
  'hide',
  'remove',
  'show',
];
const DANGER: ActionName[] = ['reject', 'return', 'remove'];

type Unit = { id: string; name: string };
type Translate = ReturnType<typeof useTranslation>['t'];
/** Written when shown, so that it follows a change of language. */
type Outcome = { kind: 'ok' | 'error' | 'warn'; text: (t: Translate) => string; gone?: boolean } | null;

/**
 * The buttons for what the server says this account may do now (the view's allowedActions), each opening its
 * form. On sending, the view shows the expected outcome at once (optimistic.ts); the server's answer (the report
 * as it is now) then replaces it, and a refusal brings the view from before back. The action carries the version
 * the officer saw: a 409 means someone else acted first, so the view is loaded again and the server's words say
 * what changed.
 */
export function Actions({
  view,
  me,
  categories,
  onChanged,
  onConflict,
}: {
  view: StaffView;
  me: Me;
  categories: Category[];
  onChanged: (view: StaffView) => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ActionName | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [saving, setSaving] = useState<ActionName | null>(null);
  const allowed = ORDER.filter((a) => view.allowedActions.includes(a));
  const outcomeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  const done = (action: ActionName, result: Awaited<ReturnType<typeof act>>) => {
    setOpen(null);
    setSaving(null);
    if ('outOfSight' in result)
      setOutcome({
        kind: 'ok',
        text: (t) => `${t('actions.done', { action: t(`actions.${action}`) })} ${pick(result.notice)}`,
        gone: true,
      });
    else {
      onChanged(result);
      setOutcome({ kind: 'ok', text: (t) => t('actions.done', { action: t(`actions.${action}`) }) });
    }
  };
  const pending = (action: ActionName, expected: StaffView) => {
    setSaving(action);
    onChanged(expected);
  };
  const failed = (error: unknown, before: StaffView) => {
    setSaving(null);
    onChanged(before);
    if (error instanceof RequestFailed && error.status === 409) {
      setOpen(null);
      const said = error.text;
      setOutcome({
        kind: 'warn',
        text: (t) => `${said ? pick(said) : t('actions.conflict')} ${t('actions.reloaded')}`,
      });
      onConflict();
      return true;
    }
    return false;
  };

  return (
    <section aria-labelledby="actions-title" className="staff-card staff-actions">
      <h2 id="actions-title">{t('actions.title')}</h2>
      {outcome && (
        <div ref={outcomeRef} tabIndex={-1}>
          <Notice kind={outcome.kind} live>
            <p>{outcome.text(t)}</p>
            {outcome.gone && (
              <p>
                <Link to="/staff/antrean">{t('report.back')}</Link>
              </p>
            )}
          </Notice>
        </div>
      )}
      {saving ? (
        <p role="status">{t('actions.saving', { action: t(`actions.${saving}`) })}</p>
      ) : allowed.length === 0 ? (
        <p>{t('actions.none')}</p>
      ) : (
        <ul className="staff-action-list">
          {allowed.map((a) => (
            <li key={a}>
              <Button
                variant={DANGER.includes(a) ? 'danger' : open === a ? 'primary' : 'secondary'}
                aria-expanded={open === a}
                aria-controls={open === a ? `form-${a}` : undefined}
                onClick={() => {
                  setOutcome(null);
                  setOpen(open === a ? null : a);
                }}
              >
                {t(`actions.${a}`)}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <ActionForm
          key={open}
          action={open}
          view={view}
          me={me}
          categories={categories}
          onDone={(r) => done(open, r)}
          onPending={(expected) => pending(open, expected)}
          onFailed={failed}
          onCancel={() => setOpen(null)}
        />
      )}
    </section>
  );
}

function ActionForm({
  action,
  view,
  me,
  categories,
  onDone,
  onPending,
  onFailed,
  onCancel,
}: {
  action: ActionName;
  view: StaffView;
  me: Me;
  categories: Category[];
  onDone: (r: Awaited<ReturnType<typeof act>>) => void;
  onPending: (expected: StaffView) => void;
  onFailed: (error: unknown, before: StaffView) => boolean;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [unit, setUnit] = useState('');
  const [category, setCategory] = useState('');
  const [until, setUntil] = useState('');
  const [into, setInto] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => {
    first.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  }, []);

  const needsUnit = action === 'coordinate' || action === 'delegate';
  const textKind: 'optional' | 'required' = [
    'process',
    'approve',
    'coordinate',
    'delegate',
    'recategorise',
    'merge',
  ].includes(action)
    ? 'optional'
    : 'required';
  const textLabel =
    action === 'follow-up'
      ? t('actions.whatDone')
      : action === 'return'
        ? t('actions.missing')
        : ['reject', 'ews', 'hide', 'remove', 'show'].includes(action)
          ? t('actions.reason')
          : textKind === 'optional'
            ? t('actions.noteLabel')
            : t('actions.noteRequired');
  const textField = ['reject', 'ews', 'hide', 'remove', 'show'].includes(action) ? 'reason' : 'note';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing =
      (textKind === 'required' && !text.trim()) ||
      (needsUnit && !unit) ||
      (action === 'recategorise' && !category) ||
      (action === 'ews' && !until) ||
      (action === 'merge' && !into.trim());
    if (missing) {
      setProblem(t('actions.fill'));
      return;
    }
    const body: Record<string, string> = {};
    if (text.trim()) body[textField] = text.trim();
    if (needsUnit) body.targetUnitId = unit;
    if (action === 'recategorise') body.categoryCode = category;
    if (action === 'ews') body.until = new Date(until).toISOString();
    if (action === 'merge') body.intoTicket = into.trim().toUpperCase();
    let payload: Record<string, string> | FormData = body;
    if (action === 'follow-up') {
      const form = new FormData();
      for (const [k, v] of Object.entries(body)) form.append(k, v);
      for (const f of files) form.append('photos', f, f.name);
      payload = form;
    }
    setBusy(true);
    setProblem(null);
    const before = view;
    const inBoth = (lng: 'id' | 'en') =>
      i18n.t('actions.pending', { lng, action: i18n.t(`actions.${action}`, { lng }) });
    onPending(
      predicted(before, action, body.note ?? body.reason ?? null, me, { id: inBoth('id'), en: inBoth('en') }),
    );
    try {
      onDone(await act(before.ticket, action, payload, before.version));
    } catch (error) {
      if (!onFailed(error, before)) {
        setProblem(errorText(error, t));
        setBusy(false);
      }
    }
  };

  return (
    <form
      id={`form-${action}`}
      className="staff-action-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={t(`actions.${action}`)}
    >
      <div ref={first}>
        <p className="staff-sub">{t(`actions.${action}Hint`)}</p>
        {problem && (
          <Notice kind="error" live>
            <p>{problem}</p>
          </Notice>
        )}
        {needsUnit && <UnitPicker action={action} me={me} value={unit} onChange={setUnit} />}
        {action === 'recategorise' && (
          <Field label={t('actions.newCategory')}>
            {(props) => (
              <select {...props} value={category} onChange={(e) => setCategory(e.target.value)} required>
                <option value="">{t('actions.unitChoose')}</option>
                {categories
                  .filter((c) => c.code !== view.category.code)
                  .map((c) => (
                    <option key={c.code} value={c.code}>
                      {pick(c.name)}
                    </option>
                  ))}
              </select>
            )}
          </Field>
        )}
        {action === 'ews' && (
          <Field label={t('actions.until')}>
            {(props) => (
              <input
                {...props}
                type="datetime-local"
                value={until}
                onChange={(e) => setUntil(e.target.value)}
                required
              />
            )}
          </Field>
        )}
        {action === 'merge' && (
          <Field label={t('actions.intoTicket')}>
            {(props) => <input {...props} value={into} onChange={(e) => setInto(e.target.value)} required />}
          </Field>
        )}
        {action === 'follow-up' && (
          <Field label={t('actions.photosLabel')} hint={t('actions.photosHint')}>
            {(props) => (
              <input
                {...props}
                type="file"
                name="photos"
                accept="image/jpeg,image/png,image/webp"
                multiple
                onChange={(e) => setFiles([...(e.target.files ?? [])])}
              />
            )}
          </Field>
        )}
        {
          <Field label={textLabel}>
            {(props) => (
              <textarea
                {...props}
                rows={3}
                maxLength={4000}
                value={text}
                onChange={(e) => setText(e.target.value)}
                required={textKind === 'required'}
              />
            )}
          </Field>
        }
        <div className="staff-form-buttons">
          <Button type="submit" variant={DANGER.includes(action) ? 'danger' : 'primary'} disabled={busy}>
            {busy ? t('actions.busy') : t('actions.submit', { action: t(`actions.${action}`) })}
          </Button>
          <Button variant="secondary" onClick={onCancel} disabled={busy}>
            {t('actions.cancel')}
          </Button>
        </div>
      </div>
    </form>
  );
}

/** Koordinasi: any unit found by name or code; disposisi: the units directly under the officer's own. */
function UnitPicker({
  action,
  me,
  value,
  onChange,
}: {
  action: ActionName;
  me: Me;
  value: string;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const search = (words: string) =>
    findUnits(words, action === 'delegate' ? me.user.unitId : undefined).then(
      (items) => {
        setUnits(items.filter((u) => u.id !== me.user.unitId));
        setProblem(null);
      },
      (error: unknown) => setProblem(errorText(error, t)),
    );
  useEffect(() => {
    if (action === 'delegate') void search('');
  }, [action]);
  return (
    <>
      {action === 'coordinate' && (
        <UnitSearchBox
          label={t('actions.unitSearch')}
          buttonLabel={t('actions.unitSearchButton')}
          onSearch={(words) => void search(words)}
        />
      )}
      {problem && (
        <Notice kind="error" live>
          <p>{problem}</p>
        </Notice>
      )}
      {units && units.length === 0 && <p role="status">{t('actions.unitNone')}</p>}
      {units && units.length > 0 && (
        <Field label={t('actions.unit')}>
          {(props) => (
            <select {...props} value={value} onChange={(e) => onChange(e.target.value)} required>
              <option value="">{t('actions.unitChoose')}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.id})
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </>
  );
}
