import { Burger, Button, Group, NativeSelect, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { signOut, type Role } from '../api/session';
import { useLiveUpdates } from '../api/live';
import { useSession } from '../api/use-session';
import { chooseLanguage, LANGUAGES, type Language } from '../i18n';

/** Staff screens of allocation runs, landlords, leases and complaints (each names its own translation object). */
const STAFF_SCREENS = [
  { path: '/allocation-runs', label: 'runs.nav' },
  { path: '/landlords', label: 'landlords.nav' },
  { path: '/tenancies', label: 'tenancies.nav' },
  { path: '/complaints', label: 'complaints.nav' },
];

/** The pages each role works with, first one is home. */
export const NAVIGATION: Record<Role, { path: string; label: string }[]> = {
  sra_staff: [
    { path: '/dashboard', label: 'nav.dashboard' },
    { path: '/flats', label: 'nav.flats' },
    { path: '/offers', label: 'nav.offers' },
    ...STAFF_SCREENS,
    { path: '/outcomes', label: 'outcomes.nav' },
  ],
  sra_admin: [
    { path: '/dashboard', label: 'nav.dashboard' },
    { path: '/flats', label: 'nav.flats' },
    { path: '/offers', label: 'nav.offers' },
    ...STAFF_SCREENS,
    { path: '/outcomes', label: 'outcomes.nav' },
  ],
  caseworker: [
    { path: '/caseload', label: 'nav.caseload' },
    { path: '/offers', label: 'nav.offers' },
    { path: '/alerts', label: 'alerts.nav' },
  ],
  landlord: [
    { path: '/my-flats', label: 'nav.myFlats' },
    { path: '/my-flats/new', label: 'nav.listFlat' },
    { path: '/owner-statements', label: 'ownerStatements.nav' },
    { path: '/claims', label: 'claims.nav' },
  ],
  inspector: [{ path: '/agenda', label: 'nav.agenda' }],
  board_member: [
    { path: '/waitlist', label: 'nav.waitlist' },
    { path: '/policy', label: 'nav.policy' },
    { path: '/allocation-runs', label: 'runs.nav' },
    { path: '/outcomes', label: 'outcomes.nav' },
  ],
  mediator: [{ path: '/mediation', label: 'nav.mediation' }],
};

export function LanguageSwitch({ userId }: { userId?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      aria-label={t('language.label')}
      data-testid="language"
      size="xs"
      value={i18n.language}
      onChange={(event) => chooseLanguage(event.currentTarget.value as Language, userId)}
      data={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
    />
  );
}

/**
 * Header, navigation and page. Plain elements and the classes of console.css rather than Mantine's
 * AppShell: AppShell (like SimpleGrid and responsive props) injects <style> elements, which the
 * gateway's Content-Security-Policy refuses.
 */
export function Layout() {
  const { t } = useTranslation();
  const session = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const items = session ? NAVIGATION[session.role] : [];
  // The gateway sends each person only their own events: staff all, a landlord their flats', a caseworker their caseload's offers.
  const live = useLiveUpdates(session !== undefined && ['sra_staff', 'sra_admin', 'landlord', 'caseworker'].includes(session.role));
  return (
    <div className="shell">
      <header className="shell-header">
        <Group gap="sm" wrap="nowrap">
          <Burger className="shell-burger" opened={opened} onClick={toggle} size="sm" aria-label={t('nav.menu')} aria-expanded={opened} aria-controls="main-navigation" />
          <Title order={1} size="h3">
            {t('app.name')}
          </Title>
        </Group>
        <Group gap="xs" wrap="nowrap">
          {live && (
            <Text size="sm" className="shell-role" data-testid="live" aria-live="polite">
              {t('live.on')}
            </Text>
          )}
          {session && (
            <Text size="sm" className="shell-role" data-testid="role">
              {t(`role.${session.role}`)}
            </Text>
          )}
          <LanguageSwitch userId={session?.userId} />
          <Button
            size="xs"
            variant="outline"
            onClick={() => {
              void signOut().then(() => navigate('/sign-in'));
            }}
          >
            {t('nav.signOut')}
          </Button>
        </Group>
      </header>
      <div className="shell-body">
        <nav id="main-navigation" className="shell-nav" data-open={opened} aria-label={t('nav.label')}>
          {items.map((item) => (
            <NavLink key={item.path} component={Link} to={item.path} label={t(item.label)} active={location.pathname === item.path} onClick={close} />
          ))}
        </nav>
        <main className="shell-main">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
