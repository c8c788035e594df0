import { Alert, Badge, NativeSelect, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { describeError, fieldErrors } from '../components/states';
import { useFormat } from '../format';

/** Small pieces the staff and mediator screens share: status badges, money in cents, term lists, refusals, list filters. */

const COLOURS: Record<string, string> = {
  active: 'green',
  signed: 'green',
  answered: 'green',
  offers_proposed: 'green',
  offer_proposed: 'green',
  paid: 'green',
  approved: 'green',
  partly_approved: 'orange',
  submitted: 'blue',
  opened: 'gray',
  recovering: 'blue',
  excluded: 'gray',
  skipped: 'orange',
  on_track: 'green',
  met: 'green',
  kept: 'green',
  draft: 'gray',
  queued: 'gray',
  running: 'blue',
  awaiting_approval: 'orange',
  awaiting_acknowledgement: 'orange',
  awaiting_answer: 'blue',
  due_soon: 'orange',
  prospect: 'orange',
  ending: 'orange',
  agreement: 'blue',
  open: 'blue',
  failed: 'red',
  rejected: 'red',
  overdue: 'red',
  missed: 'red',
  suspended: 'red',
  broken: 'red',
};

/** A status in words, coloured by what it asks of the reader; `group` names its translation object (`<group>.<status>`). */
export function StatusBadge({ group, status, testId }: { group: string; status: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" className="status-badge" color={COLOURS[status] ?? 'blue'} data-testid={testId}>
      {t(`${group}.${status}`, { defaultValue: status.replace(/_/g, ' ') })}
    </Badge>
  );
}

/** Amounts the leases service gives in integer cents, formatted as euros for the reader's locale. */
export function useCents() {
  const format = useFormat();
  return (cents: number | null | undefined) => (cents === null || cents === undefined ? '—' : format.money(cents / 100));
}

/** Label / value pairs, stacked on a phone and in two columns on a wider screen. */
export function Terms({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="terms">
      {items.map(([term, value]) => (
        <div key={term} className="terms-row">
          <dt>{term}</dt>
          <dd>{value ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * What the API refused, for a form: the field-level messages go next to their fields (the form
 * reads them from `errorsOf`), the rest in words here.
 */
export function Refusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const fields = fieldErrors(error);
  return (
    <Alert color="red" role="alert">
      {Object.keys(fields).length > 0 ? t('listFlat.fixFields') : describeError(error, t)}
    </Alert>
  );
}

/** The message for a field, also when the API names it by a longer path (`coverage.damageCap`, `commitments.0.commitment`). */
export function errorsOf(error: unknown): (field: string) => string | undefined {
  const fields = fieldErrors(error);
  return (field) => fields[field] ?? Object.entries(fields).find(([key]) => key.startsWith(`${field}.`))?.[1];
}

/** Today as YYYY-MM-DD in the browser's time zone (a default for date fields). */
export function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/**
 * A table that scrolls sideways inside its own box on a phone. The box is a named region reachable
 * with the keyboard (so its hidden columns can be scrolled to without a mouse).
 */
export function ScrollTable({ minWidth, label, children }: { minWidth: number; label: string; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native" tabIndex={0} role="region" aria-label={label}>
      {children}
    </Table.ScrollContainer>
  );
}

/** A list's filters kept in the address (so a filtered list can be bookmarked or shared). */
export function useUrlFilters(names: readonly string[]) {
  const [params, setParams] = useSearchParams();
  const set = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  /** The API query: `base` plus every filter that is set. */
  const query = (base: Record<string, string>) => {
    const search = new URLSearchParams(base);
    for (const name of names) if (params.get(name)) search.set(name, params.get(name)!);
    return search;
  };
  return { value: (name: string) => params.get(name) ?? '', set, query };
}

/** A status filter; `group` names the translation object (`<group>.status`, `.anyStatus`, `.statuses.<status>`). */
export function StatusFilter({ group, statuses, value, onChange }: { group: string; statuses: readonly string[]; value: string; onChange: (status: string) => void }) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t(`${group}.status`)}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={[{ value: '', label: t(`${group}.anyStatus`) }, ...statuses.map((s) => ({ value: s, label: t(`${group}.statuses.${s}`) }))]}
    />
  );
}
