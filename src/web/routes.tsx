import { Spin } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import type { PermissionKey } from '../shared/roles.ts';
import { AppLayout } from './components/AppLayout.tsx';
import { ForbiddenPage, NotFoundPage } from './components/ResultPages.tsx';
import { useI18n } from './i18n/index.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { DepartmentsPage } from './pages/DepartmentsPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { UnitsPage } from './pages/UnitsPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { ProjectsPage } from './pages/ProjectsPage.tsx';
import { ProjectDetailPage } from './pages/ProjectDetailPage.tsx';
import { ProjectFormPage } from './pages/ProjectFormPage.tsx';
import { ProjectImportPage } from './pages/ProjectImportPage.tsx';
import { DuplicatesPage } from './pages/DuplicatesPage.tsx';
import { TargetsPage } from './pages/TargetsPage.tsx';
import { CockpitPage } from './pages/CockpitPage.tsx';
import { LeaguePage } from './pages/LeaguePage.tsx';
import { IndicatorsPage } from './pages/IndicatorsPage.tsx';
import { ReportingPage } from './pages/ReportingPage.tsx';
import { SubmissionPage } from './pages/SubmissionPage.tsx';
import { ReportTaskPage, ReportTasksPage } from './pages/ReportTasksPage.tsx';
import { CompliancePage } from './pages/CompliancePage.tsx';
import { ProgressSummaryPage } from './pages/ProgressSummaryPage.tsx';
import { AlertsPage } from './pages/AlertsPage.tsx';
import { BlockersPage } from './pages/BlockersPage.tsx';
import { BulletinPage, BulletinsPage } from './pages/BulletinsPage.tsx';
import { MeetingPage, MeetingPresentation, MeetingsPage } from './pages/MeetingsPage.tsx';
import { SponsorsPage } from './pages/SponsorsPage.tsx';
import { ChainsPage } from './pages/ChainsPage.tsx';
import { CompaniesPage } from './pages/CompaniesPage.tsx';
import { OutOfCityPage } from './pages/OutOfCityPage.tsx';
import { TripsPage } from './pages/TripsPage.tsx';
import { SourcesPage } from './pages/SourcesPage.tsx';
import { EventPage, EventsPage } from './pages/EventsPage.tsx';
import { AdvisorPage, AdvisorsPage } from './pages/AdvisorsPage.tsx';
import { ScoreboardPage } from './pages/ScoreboardPage.tsx';
import { LeaderSummaryPage } from './pages/LeaderSummaryPage.tsx';
import { ME_KEY, useSession } from './session.tsx';

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
    <Routes>
      <Route path="/login" element={<Navigate to="/" replace />} />
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
  );
}
