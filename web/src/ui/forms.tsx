// Form building blocks shared by every page: a labelled field, a form that shows the server's
// problem `detail` next to itself and a busy state while its request runs.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { errorMessage } from '../api/client.ts';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'> {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  hint?: string;
}

/** A text input with its `<label>` (and an optional hint read out with it). */
export function Field({ label, value, onValueChange, hint, ...input }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        {...input}
        id={id}
        value={value}
        aria-describedby={hint ? hintId : undefined}
        onChange={(event) => onValueChange(event.target.value)}
      />
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

type FieldPreset = Omit<FieldProps, 'label' | 'type'> & { label?: string };

/** An email address field (`Email` unless labelled otherwise), required. */
export function EmailField({ label = 'Email', ...rest }: FieldPreset) {
  return <Field type="email" name="email" autoComplete="email" required {...rest} label={label} />;
}

/** The password the user has now, required (to confirm a sensitive change, or to sign in). */
export function CurrentPasswordField({ label = 'Current password', ...rest }: FieldPreset) {
  return <Field type="password" name="current-password" autoComplete="current-password" required {...rest} label={label} />;
}

/** A password being chosen: at least 8 characters, required. */
export function NewPasswordField({ label = 'New password', ...rest }: FieldPreset) {
  return <Field type="password" name="new-password" autoComplete="new-password" required minLength={8} {...rest} label={label} />;
}

/** The `<option>`s of a `<select>`. */
export function Options({ options }: { options: readonly { value: string; label: string }[] }) {
  return options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));
}

interface SelectFieldProps {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  name?: string;
}

export function SelectField({ label, value, onValueChange, options, name }: SelectFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(event) => onValueChange(event.target.value)}>
        <Options options={options} />
      </select>
    </div>
  );
}

interface RadioGroupProps<V extends string> {
  legend: string;
  name: string;
  value: V;
  onValueChange: (value: V) => void;
  options: readonly { value: V; label: string }[];
}

/** Radio buttons in a `<fieldset>` whose `<legend>` names the choice (arrow keys move between them). */
export function RadioGroup<V extends string>({ legend, name, value, onValueChange, options }: RadioGroupProps<V>) {
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="choice">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onValueChange(option.value)}
          />{' '}
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

/** An error sentence, read out as soon as it appears; nothing when there is no error. */
export function ErrorAlert({ message, id }: { message: string | null | undefined; id?: string }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert" id={id}>
      {message}
    </p>
  );
}

/** Runs one request at a time, remembering whether it is running and how it failed. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (err) {
      if (mounted.current) setError(errorMessage(err));
      return false;
    } finally {
      if (mounted.current) setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

interface FormProps {
  /** Accessible name of the form. */
  label: string;
  onSubmit: () => Promise<void>;
  submitLabel: string;
  busyLabel?: string;
  children: ReactNode;
  /** Shown (as a status) after a successful submit. */
  success?: ReactNode;
  className?: string;
  testId?: string;
}

/** A form with one submit button; errors from the server appear above the button, in an alert. */
export function Form({ label, onSubmit, submitLabel, busyLabel, children, success, className, testId }: FormProps) {
  const { busy, error, run } = useAction();
  const [done, setDone] = useState(false);
  const errorId = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setDone(false);
    void run(onSubmit).then((ok) => setDone(ok));
  };
  return (
    <form
      className={className ?? 'form'}
      aria-label={label}
      aria-busy={busy}
      aria-describedby={error ? errorId : undefined}
      onSubmit={submit}
      noValidate={false}
      data-testid={testId}
    >
      {children}
      <ErrorAlert message={error} id={errorId} />
      {done && success && !error && (
        <p className="form-success" role="status">
          {success}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? (busyLabel ?? 'Working…') : submitLabel}
        </button>
      </div>
    </form>
  );
}

interface SearchFormProps {
  /** Accessible name of the search landmark. */
  label: string;
  onSearch: () => void;
  submitLabel?: string;
  /** A secondary (less prominent) submit button. */
  secondary?: boolean;
  children: ReactNode;
}

/** A row of filter fields with a submit button; submitting applies them (no request of its own). */
export function SearchForm({ label, onSearch, submitLabel = 'Search', secondary = false, children }: SearchFormProps) {
  return (
    <form
      className="filters"
      role="search"
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        onSearch();
      }}
    >
      {children}
      <div className="form-actions">
        <button type="submit" className={secondary ? 'button button-secondary' : 'button'}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

/** A card holding one form, which takes the card's title as its accessible name. */
export function FormCard({ title, intro, ...form }: Omit<FormProps, 'label'> & { title: string; intro?: ReactNode }) {
  return (
    <Card title={title}>
      {intro}
      <Form label={title} {...form} />
    </Card>
  );
}

/** A button that runs a request through `action` (from `useAction`), disabled while one runs. */
export function ActionButton({
  action,
  onClick,
  variant = 'secondary',
  children,
}: {
  action: Pick<ReturnType<typeof useAction>, 'busy' | 'run'>;
  onClick: () => Promise<void>;
  variant?: 'secondary' | 'danger';
  children: ReactNode;
}) {
  return (
    <button type="button" className={`button button-${variant}`} disabled={action.busy} onClick={() => void action.run(onClick)}>
      {children}
    </button>
  );
}

/** A page section with a heading. */
export function Card({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId} id={id}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

/** `2026-11-26T02:22:00Z` → a local date and time. */
export function formatTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString();
}
