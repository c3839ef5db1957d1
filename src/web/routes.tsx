import { Spin } from 'antd';
import { lazy, Suspense, useEffect, type ComponentType, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import type { PermissionKey } from '../shared/roles.ts';
import { AppLayout } from './components/AppLayout.tsx';
import { ForbiddenPage, NotFoundPage } from './components/ResultPages.tsx';
import { useI18n } from './i18n/index.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { forgetSignedIn, ME_KEY, useSession } from './session.tsx';

/** A page loaded when first opened (its code is a chunk of its own: the first load carries only the shell). */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}
const AuditPage = page(() => import('./pages/AuditPage.tsx'), 'AuditPage');
const DepartmentsPage = page(() => import('./pages/DepartmentsPage.tsx'), 'DepartmentsPage');
const HomePage = page(() => import('./pages/HomePage.tsx'), 'HomePage');
const SettingsPage = page(() => import('./pages/SettingsPage.tsx'), 'SettingsPage');
const UnitsPage = page(() => import('./pages/UnitsPage.tsx'), 'UnitsPage');
const UsersPage = page(() => import('./pages/UsersPage.tsx'), 'UsersPage');
const ProjectsPage = page(() => import('./pages/ProjectsPage.tsx'), 'ProjectsPage');
const ProjectDetailPage = page(() => import('./pages/ProjectDetailPage.tsx'), 'ProjectDetailPage');
const ProjectFormPage = page(() => import('./pages/ProjectFormPage.tsx'), 'ProjectFormPage');
const ProjectImportPage = page(() => import('./pages/ProjectImportPage.tsx'), 'ProjectImportPage');
const DuplicatesPage = page(() => import('./pages/DuplicatesPage.tsx'), 'DuplicatesPage');
const TargetsPage = page(() => import('./pages/TargetsPage.tsx'), 'TargetsPage');
const CockpitPage = page(() => import('./pages/CockpitPage.tsx'), 'CockpitPage');
const LeaguePage = page(() => import('./pages/LeaguePage.tsx'), 'LeaguePage');
const IndicatorsPage = page(() => import('./pages/IndicatorsPage.tsx'), 'IndicatorsPage');
const ReportingPage = page(() => import('./pages/ReportingPage.tsx'), 'ReportingPage');
const SubmissionPage = page(() => import('./pages/SubmissionPage.tsx'), 'SubmissionPage');
const ReportTaskPage = page(() => import('./pages/ReportTasksPage.tsx'), 'ReportTaskPage');
const ReportTasksPage = page(() => import('./pages/ReportTasksPage.tsx'), 'ReportTasksPage');
const CompliancePage = page(() => import('./pages/CompliancePage.tsx'), 'CompliancePage');
const ProgressSummaryPage = page(() => import('./pages/ProgressSummaryPage.tsx'), 'ProgressSummaryPage');
const AlertsPage = page(() => import('./pages/AlertsPage.tsx'), 'AlertsPage');
const BlockersPage = page(() => import('./pages/BlockersPage.tsx'), 'BlockersPage');
const BulletinPage = page(() => import('./pages/BulletinsPage.tsx'), 'BulletinPage');
const BulletinsPage = page(() => import('./pages/BulletinsPage.tsx'), 'BulletinsPage');
const MeetingPage = page(() => import('./pages/MeetingsPage.tsx'), 'MeetingPage');
const MeetingPresentation = page(() => import('./pages/MeetingsPage.tsx'), 'MeetingPresentation');
const MeetingsPage = page(() => import('./pages/MeetingsPage.tsx'), 'MeetingsPage');
const SponsorsPage = page(() => import('./pages/SponsorsPage.tsx'), 'SponsorsPage');
const ChainsPage = page(() => import('./pages/ChainsPage.tsx'), 'ChainsPage');
const CompaniesPage = page(() => import('./pages/CompaniesPage.tsx'), 'CompaniesPage');
const OutOfCityPage = page(() => import('./pages/OutOfCityPage.tsx'), 'OutOfCityPage');
const TripsPage = page(() => import('./pages/TripsPage.tsx'), 'TripsPage');
const SourcesPage = page(() => import('./pages/SourcesPage.tsx'), 'SourcesPage');
const EventPage = page(() => import('./pages/EventsPage.tsx'), 'EventPage');
const EventsPage = page(() => import('./pages/EventsPage.tsx'), 'EventsPage');
const AdvisorPage = page(() => import('./pages/AdvisorsPage.tsx'), 'AdvisorPage');
const AdvisorsPage = page(() => import('./pages/AdvisorsPage.tsx'), 'AdvisorsPage');
const ScoreboardPage = page(() => import('./pages/ScoreboardPage.tsx'), 'ScoreboardPage');
const LeaderSummaryPage = page(() => import('./pages/LeaderSummaryPage.tsx'), 'LeaderSummaryPage');
const CockpitScreen = page(() => import('./pages/CockpitScreen.tsx'), 'CockpitScreen');
const ProjectPrintPage = page(() => import('./pages/ProjectPrintPage.tsx'), 'ProjectPrintPage');

function Guard({ permission, children }: { permission?: PermissionKey; children: ReactNode }) {
  const { can } = useSession();
  if (permission && !can(permission)) return <ForbiddenPage />;
  return <>{children}</>;
}

export function AppRoutes() {
  const { me, loading } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();

  // Any 401 (idle timeout, disabled account, logout elsewhere) sends the user back to the login page.
  useEffect(() => {
    const onUnauthenticated = () => {
      // "session expired" only to someone who had one; a first visit to the login page just shows the form
      const hadSession = Boolean(client.getQueryData(ME_KEY));
      forgetSignedIn();
      client.setQueryData(ME_KEY, null);
      navigate('/login', { replace: true, state: { from: location.pathname, expired: hadSession } });
    };
    window.addEventListener('zhaoyin:unauthenticated', onUnauthenticated);
    return () => window.removeEventListener('zhaoyin:unauthenticated', onUnauthenticated);
  }, [client, navigate, location.pathname]);

  if (loading) return <Spin fullscreen tip={t('loading')} />;
  if (!me) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="*" element={<Navigate to="/login" replace state={{ from: location.pathname }} />} />
      </Routes>
    );
  }
  return (
    // a page outside the layout (the presentation mode) waits for its code here
    <Suspense fallback={<Spin fullscreen tip={t('loading')} />}>
      <Routes>
        <Route path="/login" element={<Navigate to="/" replace />} />
        {/* the large screen fills the wall: no menus around it */}
        <Route
          path="cockpit/screen"
          element={
            <Guard permission="business:read">
              <CockpitScreen />
            </Guard>
          }
        />
        <Route
          path="projects/:code/print"
          element={
            <Guard permission="business:read">
              <ProjectPrintPage />
            </Guard>
          }
        />
        <Route element={<AppLayout />}>
          <Route index element={<HomePage />} />
          <Route
            path="projects"
            element={
              <Guard permission="business:read">
                <ProjectsPage />
              </Guard>
            }
          />
          <Route
            path="chains"
            element={
              <Guard permission="business:read">
                <ChainsPage />
              </Guard>
            }
          />
          <Route
            path="companies"
            element={
              <Guard permission="business:read">
                <CompaniesPage />
              </Guard>
            }
          />
          <Route
            path="trips"
            element={
              <Guard permission="business:read">
                <TripsPage />
              </Guard>
            }
          />
          <Route
            path="glance"
            element={
              <Guard permission="business:read">
                <LeaderSummaryPage />
              </Guard>
            }
          />
          <Route
            path="staff/scoreboard"
            element={
              <Guard permission="business:read">
                <ScoreboardPage />
              </Guard>
            }
          />
          <Route
            path="advisors"
            element={
              <Guard permission="business:read">
                <AdvisorsPage />
              </Guard>
            }
          />
          <Route
            path="advisors/:id"
            element={
              <Guard permission="business:read">
                <AdvisorPage />
              </Guard>
            }
          />
          <Route
            path="events"
            element={
              <Guard permission="business:read">
                <EventsPage />
              </Guard>
            }
          />
          <Route
            path="events/:id"
            element={
              <Guard permission="business:read">
                <EventPage />
              </Guard>
            }
          />
          <Route
            path="sources"
            element={
              <Guard permission="business:read">
                <SourcesPage />
              </Guard>
            }
          />
          <Route
            path="staff/out-of-city"
            element={
              <Guard permission="business:read">
                <OutOfCityPage />
              </Guard>
            }
          />
          <Route
            path="projects/new"
            element={
              <Guard permission="business:write">
                <ProjectFormPage />
              </Guard>
            }
          />
          <Route
            path="projects/import"
            element={
              <Guard permission="business:write">
                <ProjectImportPage />
              </Guard>
            }
          />
          <Route
            path="projects/duplicates"
            element={
              <Guard permission="business:review">
                <DuplicatesPage />
              </Guard>
            }
          />
          <Route
            path="projects/:code"
            element={
              <Guard permission="business:read">
                <ProjectDetailPage />
              </Guard>
            }
          />
          <Route
            path="projects/:code/edit"
            element={
              <Guard permission="business:write">
                <ProjectFormPage />
              </Guard>
            }
          />
          <Route
            path="targets"
            element={
              <Guard permission="business:read">
                <TargetsPage />
              </Guard>
            }
          />
          <Route
            path="targets/indicators"
            element={
              <Guard permission="business:read">
                <IndicatorsPage />
              </Guard>
            }
          />
          <Route
            path="cockpit"
            element={
              <Guard permission="business:read">
                <CockpitPage />
              </Guard>
            }
          />
          <Route
            path="league"
            element={
              <Guard permission="business:read">
                <LeaguePage />
              </Guard>
            }
          />
          <Route
            path="reporting"
            element={
              <Guard permission="business:read">
                <ReportingPage />
              </Guard>
            }
          />
          <Route
            path="reporting/submissions/:id"
            element={
              <Guard permission="business:read">
                <SubmissionPage />
              </Guard>
            }
          />
          <Route
            path="reporting/tasks"
            element={
              <Guard permission="business:read">
                <ReportTasksPage />
              </Guard>
            }
          />
          <Route
            path="reporting/tasks/:id"
            element={
              <Guard permission="business:read">
                <ReportTaskPage />
              </Guard>
            }
          />
          <Route
            path="reporting/compliance"
            element={
              <Guard permission="business:read">
                <CompliancePage />
              </Guard>
            }
          />
          <Route
            path="reporting/progress"
            element={
              <Guard permission="business:read">
                <ProgressSummaryPage />
              </Guard>
            }
          />
          <Route
            path="alerts"
            element={
              <Guard permission="business:read">
                <AlertsPage />
              </Guard>
            }
          />
          <Route
            path="blockers"
            element={
              <Guard permission="business:read">
                <BlockersPage />
              </Guard>
            }
          />
          <Route
            path="bulletins"
            element={
              <Guard permission="business:read">
                <BulletinsPage />
              </Guard>
            }
          />
          <Route
            path="meetings"
            element={
              <Guard permission="business:read">
                <MeetingsPage />
              </Guard>
            }
          />
          <Route
            path="sponsors"
            element={
              <Guard permission="business:read">
                <SponsorsPage />
              </Guard>
            }
          />
          <Route
            path="meetings/:id"
            element={
              <Guard permission="business:read">
                <MeetingPage />
              </Guard>
            }
          />
          <Route
            path="meetings/:id/present"
            element={
              <Guard permission="business:read">
                <MeetingPresentation />
              </Guard>
            }
          />
          <Route
            path="bulletins/:id"
            element={
              <Guard permission="business:read">
                <BulletinPage />
              </Guard>
            }
          />
          <Route
            path="org/units"
            element={
              <Guard permission="org:read">
                <UnitsPage />
              </Guard>
            }
          />
          <Route
            path="org/units/:code"
            element={
              <Guard permission="org:read">
                <UnitsPage />
              </Guard>
            }
          />
          <Route
            path="org/departments"
            element={
              <Guard permission="org:read">
                <DepartmentsPage />
              </Guard>
            }
          />
          <Route
            path="admin/users"
            element={
              <Guard permission="users:read">
                <UsersPage />
              </Guard>
            }
          />
          <Route
            path="admin/settings"
            element={
              <Guard permission="settings:read">
                <SettingsPage />
              </Guard>
            }
          />
          <Route
            path="audit"
            element={
              <Guard permission="audit:read">
                <AuditPage />
              </Guard>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
