import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../src/platform/http/fastify-types.js';

/** What the sign-in walk reads of a response: an inject's, or a real HTTP one's (multi-process test). */
export interface BrowserResponse {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/** A browser that keeps cookies and follows nothing by itself: InjectBrowser, or one over real HTTP. */
export interface SignInBrowser<R extends BrowserResponse> {
  get(url: string): Promise<R>;
  request(options: { method: 'POST'; url: string; form: Record<string, string> }): Promise<R>;
}

/**
 * A browser for `app.inject`: keeps cookies and follows the ESIA sign-in through the bundled
 * emulator exactly as a person's browser does (redirect to v2/ac, the emulator's page, the choice of
 * a demo person, back to the redirect URI).
 */
export class InjectBrowser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly app: App) {}

  private remember(response: LightMyRequestResponse): void {
    for (const c of response.cookies as Array<{
      name: string;
      value: string;
      expires?: Date;
      maxAge?: number;
    }>) {
      const expired =
        c.value === '' || (c.expires !== undefined && c.expires.getTime() < Date.now()) || c.maxAge === 0;
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async request(options: {
    method: 'GET' | 'POST';
    url: string;
    form?: Record<string, string>;
    json?: unknown;
    headers?: Record<string, string>;
  }): Promise<LightMyRequestResponse> {
    const target = new URL(options.url, 'http://localhost');
    const headers: Record<string, string> = { ...options.headers };
    let payload: string | undefined;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(options.json);
    }
    const response = await this.app.inject({
      method: options.method,
      url: target.pathname + target.search,
      headers,
      cookies: Object.fromEntries(this.cookies),
      ...(payload === undefined ? {} : { payload }),
    });
    this.remember(response);
    return response;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request({ method: 'GET', url, ...(headers ? { headers } : {}) });
  }
}

export function locationOf(response: BrowserResponse): string {
  const location = response.headers.location;
  if (response.statusCode !== 302 || typeof location !== 'string') {
    throw new Error(`expected a redirect, got ${response.statusCode}: ${response.body.slice(0, 300)}`);
  }
  return location;
}

/** The emulator's sign-in form of the person whose ФИО starts with `name`: its hidden fields. */
export function personForm(html: string, name: string, organization?: string): Record<string, string> {
  const forms = html.match(/<form method="post" action="login">[\s\S]*?<\/form>/g) ?? [];
  for (const form of forms) {
    const label = /aria-label="([^"]*)"/.exec(form)?.[1] ?? '';
    const matches = organization
      ? label.startsWith(`Войти как представитель ${organization}`) && label.includes(`: ${name}`)
      : label.startsWith(`Войти как ${name}`);
    if (!matches) continue;
    const fields: Record<string, string> = {};
    for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      fields[m[1] ?? ''] = m[2] ?? '';
    }
    return fields;
  }
  throw new Error(`no demo person ${name} on the emulator page`);
}

/**
 * From a start URL (`/api/v1/auth/esia`, `/api/v1/portal/auth/esia?…`) through the emulator's page,
 * choosing `name`, to the response of the redirect URI.
 */
export async function signInThroughEmulator<R extends BrowserResponse>(
  browser: SignInBrowser<R>,
  startUrl: string,
  name: string,
  organization?: string,
): Promise<R> {
  const toEsia = locationOf(await browser.get(startUrl));
  const toPage = locationOf(await browser.get(toEsia));
  const page = await browser.get(toPage);
  if (page.statusCode !== 200)
    throw new Error(`emulator page ${page.statusCode}: ${page.body.slice(0, 300)}`);
  const back = locationOf(
    await browser.request({
      method: 'POST',
      url: '/esia-emulator/login',
      form: personForm(page.body, name, organization),
    }),
  );
  return browser.get(back);
}
