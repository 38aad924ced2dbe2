/**
 * Which session a page asks the server for. Staff and applicants have separate sessions (cookies); asking
 * for the wrong one only earns a 401, so each page asks for the kind it needs:
 * - the staff workplace and administration: the staff session;
 * - the applicants' portal (home, profile, services): the applicant's session;
 * - pages for everyone (/verify, sign-in, «Мои сеансы», not found): the kind this browser last had
 *   (remembered below), or none at all for a visitor who never signed in.
 */
export type SessionKind = 'staff' | 'applicant';

const REMEMBERED = 'session.kind';

export function rememberedSessionKind(): SessionKind | null {
  try {
    const value = localStorage.getItem(REMEMBERED);
    return value === 'staff' || value === 'applicant' ? value : null;
  } catch {
    return null;
  }
}

/** Called when the server has told which session exists (or that the remembered one is gone). */
export function rememberSessionKind(kind: SessionKind | null): void {
  try {
    if (kind) localStorage.setItem(REMEMBERED, kind);
    else localStorage.removeItem(REMEMBERED);
  } catch {
    // Storage refused (private mode): the pages for everyone then ask for no session.
  }
}

const STAFF_AREAS = /^\/(arm|admin)(\/|$)/;
const PORTAL_PAGES = new Set(['/', '/profile', '/personal-data-access']);

/** The applicants' portal: home, profile and the catalog of services (`/services…`). */
export function isPortalPage(pathname: string): boolean {
  return PORTAL_PAGES.has(pathname) || /^\/services(\/|$)/.test(pathname);
}

/** The session kinds a page at `pathname` asks for, given the kind this browser last had. */
export function sessionKindsFor(pathname: string, remembered: SessionKind | null): Set<SessionKind> {
  const kinds = new Set<SessionKind>();
  if (STAFF_AREAS.test(pathname)) kinds.add('staff');
  else if (isPortalPage(pathname)) kinds.add('applicant');
  else if (pathname === '/sessions') kinds.add(remembered ?? 'staff');
  // A signed-in employee keeps their name in the header on the portal and the pages for everyone.
  if (remembered) kinds.add(remembered);
  return kinds;
}
