import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { refresh, type Role } from './api/session';
import { useSession } from './api/use-session';
import { Layout, NAVIGATION } from './components/layout';
import { Empty, Loading } from './components/states';
import { SignInPage } from './pages/sign-in';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, rememberedLanguage } from './i18n';

// Each role's screens are their own chunk: the first screen loads only what it shows.
const StaffDashboard = lazy(() => import('./pages/staff-dashboard'));
const FlatsPage = lazy(() => import('./pages/flats'));
const FlatPage = lazy(() => import('./pages/flat'));
const OffersPage = lazy(() => import('./pages/offers'));
const MyFlatsPage = lazy(() => import('./pages/my-flats'));
const ListFlatPage = lazy(() => import('./pages/list-flat'));
const AgendaPage = lazy(() => import('./pages/agenda'));
const ChecklistPage = lazy(() => import('./pages/checklist'));
const WaitlistPage = lazy(() => import('./pages/waitlist'));
const PriorityPolicyPage = lazy(() => import('./pages/priority-policy'));
const CaseloadPage = lazy(() => import('./pages/caseload'));
const AllocationRunsPage = lazy(() => import('./pages/allocation-runs'));
const AllocationRunPage = lazy(() => import('./pages/allocation-run'));
const LandlordsPage = lazy(() => import('./pages/landlords'));
const LandlordPage = lazy(() => import('./pages/landlord'));
const TenanciesPage = lazy(() => import('./pages/tenancies'));
const TenancyPage = lazy(() => import('./pages/tenancy'));
const ComplaintsPage = lazy(() => import('./pages/complaints'));
const ComplaintPage = lazy(() => import('./pages/complaint'));
const MediationPage = lazy(() => import('./pages/mediation'));
const OutcomesPage = lazy(() => import('./pages/outcomes'));
const HouseholdPage = lazy(() => import('./pages/household'));
const AlertsPage = lazy(() => import('./pages/alerts'));
const OwnerStatementsPage = lazy(() => import('./pages/owner-statements'));
const ClaimsPage = lazy(() => import('./pages/claims'));
const CaseworkerTenancyPage = lazy(() => import('./pages/caseworker-tenancy'));
const RenovationLoanPage = lazy(() => import('./pages/renovation-loan'));

const STAFF: Role[] = ['sra_staff', 'sra_admin'];

function Allowed({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const session = useSession();
  const { t } = useTranslation();
  if (!session) return <Navigate to="/sign-in" replace />;
  if (!roles.includes(session.role)) return <Empty>{t('problem.forbidden')}</Empty>;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function Home() {
  const session = useSession();
  return <Navigate to={session ? NAVIGATION[session.role][0].path : '/sign-in'} replace />;
}

export function App() {
  const session = useSession();
  const [restoring, setRestoring] = useState(true);
  useEffect(() => {
    // A reload keeps the session through the refresh cookie (the token itself was only in memory).
    void refresh().then((restored) => {
      if (restored) chooseLanguage(rememberedLanguage(restored.userId), restored.userId);
      setRestoring(false);
    });
  }, []);
  if (restoring) return <Loading />;
  return (
    <Routes>
      <Route path="/sign-in" element={session ? <Home /> : <SignInPage />} />
      <Route element={session ? <Layout /> : <Navigate to="/sign-in" replace />}>
        <Route index element={<Home />} />
        <Route path="dashboard" element={<Allowed roles={STAFF}><StaffDashboard /></Allowed>} />
        <Route path="flats" element={<Allowed roles={STAFF}><FlatsPage /></Allowed>} />
        <Route path="flats/:unitId" element={<Allowed roles={STAFF}><FlatPage /></Allowed>} />
        <Route path="offers" element={<Allowed roles={[...STAFF, 'caseworker']}><OffersPage /></Allowed>} />
        <Route path="my-flats" element={<Allowed roles={['landlord']}><MyFlatsPage /></Allowed>} />
        <Route path="my-flats/new" element={<Allowed roles={['landlord']}><ListFlatPage /></Allowed>} />
        <Route path="agenda" element={<Allowed roles={['inspector']}><AgendaPage /></Allowed>} />
        <Route path="inspections/:inspectionId" element={<Allowed roles={['inspector']}><ChecklistPage /></Allowed>} />
        <Route path="waitlist" element={<Allowed roles={['board_member']}><WaitlistPage /></Allowed>} />
        <Route path="policy" element={<Allowed roles={['board_member']}><PriorityPolicyPage /></Allowed>} />
        <Route path="outcomes" element={<Allowed roles={[...STAFF, 'board_member']}><OutcomesPage /></Allowed>} />
        <Route path="caseload" element={<Allowed roles={['caseworker']}><CaseloadPage /></Allowed>} />
        <Route path="allocation-runs" element={<Allowed roles={[...STAFF, 'board_member']}><AllocationRunsPage /></Allowed>} />
        <Route path="allocation-runs/:runId" element={<Allowed roles={[...STAFF, 'board_member']}><AllocationRunPage /></Allowed>} />
        <Route path="landlords" element={<Allowed roles={STAFF}><LandlordsPage /></Allowed>} />
        <Route path="landlords/:landlordId" element={<Allowed roles={STAFF}><LandlordPage /></Allowed>} />
        <Route path="tenancies" element={<Allowed roles={STAFF}><TenanciesPage /></Allowed>} />
        <Route path="tenancies/:tenancyId" element={<Allowed roles={STAFF}><TenancyPage /></Allowed>} />
        <Route path="complaints" element={<Allowed roles={STAFF}><ComplaintsPage /></Allowed>} />
        <Route path="complaints/:complaintId" element={<Allowed roles={[...STAFF, 'mediator']}><ComplaintPage /></Allowed>} />
        <Route path="mediations/:mediationId" element={<Allowed roles={[...STAFF, 'mediator']}><MediationPage /></Allowed>} />
        <Route path="mediation" element={<Allowed roles={['mediator']}><ComplaintsPage /></Allowed>} />
        <Route path="households/:householdId" element={<Allowed roles={[...STAFF, 'caseworker']}><HouseholdPage /></Allowed>} />
        <Route path="alerts" element={<Allowed roles={['caseworker']}><AlertsPage /></Allowed>} />
        <Route path="owner-statements" element={<Allowed roles={['landlord']}><OwnerStatementsPage /></Allowed>} />
        <Route path="owner-statements/:headLeaseId/loan" element={<Allowed roles={['landlord']}><RenovationLoanPage /></Allowed>} />
        <Route path="caseload/tenancies/:tenancyId" element={<Allowed roles={['caseworker']}><CaseworkerTenancyPage /></Allowed>} />
        <Route path="claims" element={<Allowed roles={['landlord']}><ClaimsPage /></Allowed>} />
        <Route path="*" element={<Home />} />
      </Route>
    </Routes>
  );
}
