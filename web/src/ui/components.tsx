import { type ButtonHTMLAttributes, type ReactNode, useId } from 'react';
import { colourOf } from './status';

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: 'primary' | 'secondary' | 'danger';
  block?: boolean;
};

export function Button({ variant = 'primary', block, className, type = 'button', ...rest }: ButtonProps) {
  const classes = ['btn', variant !== 'primary' && `btn--${variant}`, block && 'btn--block', className];
  return <button type={type} className={classes.filter(Boolean).join(' ')} {...rest} />;
}

/** A status in its official colour, always with its name in words (colour is never the only sign). */
export function StatusBadge({ code, label }: { code: string; label: string }) {
  return <span className={`status status--${colourOf(code)}`}>{label}</span>;
}

export function Notice({
  kind = 'info',
  children,
  live,
}: {
  kind?: 'info' | 'error' | 'ok' | 'warn';
  children: ReactNode;
  live?: boolean;
}) {
  const role = live ? (kind === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div className={`notice${kind === 'info' ? '' : ` notice--${kind}`}`} role={role}>
      {children}
    </div>
  );
}

/** A labelled control with its hint and error tied to it for screen readers. */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: string | null;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      )}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

export function Choice({
  type,
  name,
  checked,
  onChange,
  title,
  hint,
}: {
  type: 'radio' | 'checkbox';
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  title: string;
  hint?: string;
}) {
  const id = useId();
  return (
    <label className="choice" htmlFor={id}>
      <input
        id={id}
        type={type}
        name={name}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <span>
        <span className="choice-title">{title}</span>
        {hint && (
          <span id={`${id}-hint`} className="field-hint">
            {hint}
          </span>
        )}
      </span>
    </label>
  );
}
