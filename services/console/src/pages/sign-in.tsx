import { Alert, Button, Center, Group, NativeSelect, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError, ROLES, signIn, type Role } from '../api/session';
import { describeError, fieldErrors } from '../components/states';
import { LanguageSwitch, NAVIGATION } from '../components/layout';
import { rememberedLanguage, chooseLanguage } from '../i18n';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [totp, setTotp] = useState('');
  const [askTotp, setAskTotp] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session = await signIn({ email, password, role: role || undefined, totp: askTotp ? totp : undefined });
      chooseLanguage(rememberedLanguage(session.userId), session.userId);
      navigate(NAVIGATION[session.role][0].path, { replace: true });
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'AUTH.TOTP_REQUIRED') setAskTotp(true);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const fields = fieldErrors(error);
  const totpAsked = error instanceof ApiError && error.code === 'AUTH.TOTP_REQUIRED' && !totp;
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder p="lg" w="100%" maw={420}>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack>
            <Group justify="space-between">
              <Title order={1} size="h2">
                {t('signIn.title')}
              </Title>
              <LanguageSwitch />
            </Group>
            <TextInput label={t('signIn.email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fields.email} name="email" />
            <PasswordInput label={t('signIn.password')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={fields.password} name="password" />
            <NativeSelect
              label={t('signIn.role')}
              name="role"
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as Role | '')}
              data={[{ value: '', label: t('signIn.roleDefault') }, ...ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))]}
            />
            {askTotp && (
              <TextInput
                label={t('signIn.totp')}
                description={t('signIn.totpHelp')}
                inputMode="numeric"
                autoComplete="one-time-code"
                name="totp"
                value={totp}
                onChange={(e) => setTotp(e.currentTarget.value)}
                error={fields.totp}
              />
            )}
            {error !== undefined && !totpAsked && (
              <Alert color="red" role="alert">
                {describeError(error, t)}
              </Alert>
            )}
            <Button type="submit" loading={busy}>
              {t('signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
