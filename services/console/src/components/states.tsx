import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/session';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader aria-hidden size="md" />
        <Text>{label ?? t('state.loading')}</Text>
      </Stack>
    </Center>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center py="lg" data-testid="empty">
      <Text>{children ?? t('state.empty')}</Text>
    </Center>
  );
}

/** What went wrong, in words: the API's refusal by its code when we know it, else a general message. */
export function describeError(error: unknown, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (error instanceof ApiError) {
    const known = t(`problem.${error.code}`, { defaultValue: '' });
    if (known) return known;
    if (error.status === 403) return t('problem.forbidden');
    if (error.status === 404) return t('problem.notFound');
    if (error.status >= 500) return t('problem.unavailable');
    return error.detail || t('state.error');
  }
  return t('state.error');
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={t('state.errorTitle')} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text>{describeError(error, t)}</Text>
        {onRetry && (
          <Button variant="outline" color="red" size="xs" onClick={onRetry}>
            {t('state.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** The field-level messages of a 400 problem, to show next to the fields at fault. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.errors.map((e) => [e.field, e.message]));
}

/** A query's three states around its content. */
export function QueryState<T>({ query, empty, children }: { query: { isPending: boolean; error: unknown; data?: T; refetch: () => unknown }; empty?: (data: T) => boolean; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data as T;
  if (empty?.(data)) return <Empty />;
  return <>{children(data)}</>;
}
