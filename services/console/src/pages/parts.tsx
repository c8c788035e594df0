import { Alert, Badge, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, fieldErrors } from '../components/states';
import { useFormat } from '../format';

/** Small pieces the staff and mediator screens share: status badges, money in cents, term lists, refusals. */

const COLOURS: Record<string, string> = {
  active: 'green',
  signed: 'green',
  answered: 'green',
  offers_proposed: 'green',
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
