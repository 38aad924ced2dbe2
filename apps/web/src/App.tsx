import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter, Outlet, Route, Routes } from 'react-router-dom';
import { AdminHome } from './areas/admin/AdminHome';
import { AdminLayout } from './areas/admin/AdminLayout';
import { CalendarPage } from './areas/admin/calendar/CalendarPage';
import { CatalogAdminPage } from './areas/admin/catalog/CatalogAdminPage';
import { ServiceAdminPage } from './areas/admin/catalog/ServiceAdminPage';
import { EmployeesPage } from './areas/admin/employees/EmployeesPage';
import { JournalPage } from './areas/admin/journal/JournalPage';
import { OrgUnitsPage } from './areas/admin/org-units/OrgUnitsPage';
import { PkiPage } from './areas/admin/pki/PkiPage';
import { ReferencePage } from './areas/admin/reference/ReferencePage';
import { SystemInfoPage } from './areas/admin/system/SystemInfoPage';
import { SmevMonitoringPage } from './areas/smev/SmevMonitoringPage';
import { JournalExtractsPage } from './areas/journal-extracts/JournalExtractsPage';
import { DocumentsPage } from './areas/arm/documents/DocumentsPage';
import { ArmHome } from './areas/arm/ArmHome';
import { CatalogPage } from './areas/arm/catalog/CatalogPage';
import { ServiceCatalogPage } from './areas/arm/catalog/ServiceCatalogPage';
import { ArmLayout } from './areas/arm/ArmLayout';
import { ConsultationPage } from './areas/arm/consultations/ConsultationPage';
import { ConsultationsPage } from './areas/arm/consultations/ConsultationsPage';
import { ApplicationPage as StaffApplicationPage } from './areas/arm/applications/ApplicationPage';
import { ApplicationsPage } from './areas/arm/applications/ApplicationsPage';
import { PaperIntakePage } from './areas/arm/intake/PaperIntakePage';
import { IntakeSettingsPage } from './areas/admin/intake-settings/IntakeSettingsPage';
import { ApplicantsPage } from './areas/arm/applicants/ApplicantsPage';
import { ApplicantCardPage } from './areas/arm/applicants/ApplicantCardPage';
import { ApplicantEditPage, ApplicantNewPage } from './areas/arm/applicants/ApplicantEditPage';
import { CasesPage } from './areas/arm/cases/CasesPage';
import { CaseCardPage } from './areas/arm/cases/CaseCardPage';
import { HeadDashboardPage } from './areas/arm/supervision/HeadDashboardPage';
import { SupervisionPage } from './areas/arm/supervision/SupervisionPage';
import { CaseSettingsPage } from './areas/admin/case-settings/CaseSettingsPage';
import { TemplatesPage } from './areas/admin/templates/TemplatesPage';
import { TemplateFieldsPage } from './areas/admin/templates/TemplateFieldsPage';
import { PortalHome } from './areas/portal/PortalHome';
import { PersonalDataAccessPage } from './areas/portal/PersonalDataAccessPage';
import { PortalSessionsPage } from './areas/portal/PortalSessionsPage';
import { ProfilePage } from './areas/portal/ProfilePage';
import { ApplicationPage } from './areas/portal/applications/ApplicationPage';
import { MyApplicationsPage } from './areas/portal/applications/MyApplicationsPage';
import { ApplyPage } from './areas/portal/services/ApplyPage';
import { ServicePage } from './areas/portal/services/ServicePage';
import { ServicesPage } from './areas/portal/services/ServicesPage';
import { MySessionsPage } from './areas/sessions/MySessionsPage';
import { SignInPage } from './areas/sign-in/SignInPage';
import { VerifyDocumentPage } from './areas/verify/VerifyDocumentPage';
import { VerifyPage } from './areas/verify/VerifyPage';
import { RequirePermission } from './auth/RequirePermission';
import { SessionProvider } from './auth/SessionProvider';
import { useSession } from './auth/session-context';
import { AppLayout } from './components/AppLayout';
import { ADMIN_AREA } from './lib/roles';
import { NotFound } from './components/NotFound';
import { createQueryClient } from './lib/query-client';

/** «Мои сеансы»: an applicant's portal sessions, or an employee's. */
function SessionsRoute() {
  const { user, applicant } = useSession();
  if (applicant === undefined) return <p className="muted">Загрузка…</p>;
  if (applicant && !user) return <PortalSessionsPage session={applicant} />;
  return <MySessionsPage />;
}

// Route groups by audience: the applicants' portal and sign-in are public; the staff workplace and
// administration each sit behind their own permission guard.
export function App() {
  const [client] = useState(createQueryClient);
  return (
    <QueryClientProvider client={client}>
      <BrowserRouter>
        <SessionProvider>
          <Routes>
            <Route element={<AppLayout />}>
              <Route index element={<PortalHome />} />
              <Route path="profile" element={<ProfilePage />} />
              <Route path="personal-data-access" element={<PersonalDataAccessPage />} />
              <Route path="services" element={<ServicesPage />} />
              <Route path="services/:id" element={<ServicePage />} />
              <Route path="services/:id/apply" element={<ApplyPage />} />
              <Route path="applications" element={<MyApplicationsPage />} />
              <Route path="applications/:id" element={<ApplicationPage />} />
              <Route path="sign-in" element={<SignInPage />} />
              <Route path="sessions" element={<SessionsRoute />} />
              {/* Public: anyone checks a signed document, no sign-in. */}
              <Route path="verify" element={<VerifyPage />} />
              {/* The QR code of a signed document opens the check of the copy the system keeps. */}
              <Route path="verify/:id" element={<VerifyDocumentPage />} />
              <Route
                path="arm"
                element={
                  <RequirePermission permission="arm.access">
                    <ArmLayout />
                  </RequirePermission>
                }
              >
                <Route index element={<ArmHome />} />
                <Route
                  path="applicants"
                  element={
                    <RequirePermission permission="applicants.read">
                      <ApplicantsPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="applicants/new"
                  element={
                    <RequirePermission permission="applicants.manage">
                      <ApplicantNewPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="applicants/:id"
                  element={
                    <RequirePermission permission="applicants.read">
                      <ApplicantCardPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="applicants/:id/edit"
                  element={
                    <RequirePermission permission="applicants.manage">
                      <ApplicantEditPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="catalog"
                  element={
                    <RequirePermission permission="catalog.read">
                      <CatalogPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="catalog/:id"
                  element={
                    <RequirePermission permission="catalog.read">
                      <ServiceCatalogPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="documents"
                  element={
                    <RequirePermission permission="documents.read">
                      <DocumentsPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="consultations"
                  element={
                    <RequirePermission permission={['consultations.conduct', 'consultations.supervise']}>
                      <ConsultationsPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="consultations/:id"
                  element={
                    <RequirePermission permission={['consultations.conduct', 'consultations.supervise']}>
                      <ConsultationPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="intake"
                  element={
                    <RequirePermission permission="intake.accept">
                      <PaperIntakePage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="applications"
                  element={
                    <RequirePermission permission="applications.read">
                      <ApplicationsPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="applications/:id"
                  element={
                    <RequirePermission permission="applications.read">
                      <StaffApplicationPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="cases"
                  element={
                    <RequirePermission permission="cases.read">
                      <CasesPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="cases/:id"
                  element={
                    <RequirePermission permission="cases.read">
                      <CaseCardPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="dashboard"
                  element={
                    <RequirePermission permission="cases.supervise">
                      <HeadDashboardPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="supervision"
                  element={
                    <RequirePermission permission="cases.lead">
                      <SupervisionPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="smev"
                  element={
                    <RequirePermission permission="smev.monitor">
                      <SmevMonitoringPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="journal-extracts"
                  element={
                    <RequirePermission permission="journal.extract">
                      <JournalExtractsPage />
                    </RequirePermission>
                  }
                />
              </Route>
              <Route
                path="admin"
                element={
                  <RequirePermission permission={ADMIN_AREA}>
                    <AdminLayout />
                  </RequirePermission>
                }
              >
                <Route index element={<AdminHome />} />
                <Route
                  path="org-units"
                  element={
                    <RequirePermission permission={['org.read', 'org.manage']}>
                      <OrgUnitsPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="employees"
                  element={
                    <RequirePermission permission={['employees.read', 'employees.manage']}>
                      <EmployeesPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="calendar"
                  element={
                    <RequirePermission permission={['calendar.manage', 'admin.access']}>
                      <CalendarPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="reference"
                  element={
                    <RequirePermission permission={['reference.manage', 'reference.read']}>
                      <ReferencePage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="pki"
                  element={
                    <RequirePermission permission={['pki.read', 'pki.manage']}>
                      <PkiPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="catalog"
                  element={
                    <RequirePermission permission={['catalog.read', 'catalog.manage']}>
                      <Outlet />
                    </RequirePermission>
                  }
                >
                  <Route index element={<CatalogAdminPage />} />
                  <Route path=":serviceId" element={<ServiceAdminPage />} />
                </Route>
                <Route
                  path="intake-settings"
                  element={
                    <RequirePermission permission="intake.settings">
                      <IntakeSettingsPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="case-settings"
                  element={
                    <RequirePermission permission="cases.settings">
                      <CaseSettingsPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="templates"
                  element={
                    <RequirePermission permission="templates.manage">
                      <Outlet />
                    </RequirePermission>
                  }
                >
                  <Route index element={<TemplatesPage />} />
                  <Route path="fields" element={<TemplateFieldsPage />} />
                </Route>
                <Route
                  path="smev"
                  element={
                    <RequirePermission permission="smev.monitor">
                      <SmevMonitoringPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="system"
                  element={
                    <RequirePermission permission="admin.access">
                      <SystemInfoPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="journal"
                  element={
                    <RequirePermission permission="journal.read">
                      <JournalPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="journal/extracts"
                  element={
                    <RequirePermission permission="journal.extract">
                      <JournalExtractsPage />
                    </RequirePermission>
                  }
                />
              </Route>
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </SessionProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
