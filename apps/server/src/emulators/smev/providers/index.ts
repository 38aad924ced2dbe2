import type { Agency } from '../../../platform/smev/kinds/types.js';
import { fnsProvider } from './fns.js';
import { mvdProvider } from './mvd.js';
import { rosreestrProvider } from './rosreestr.js';
import { sfrProvider } from './sfr.js';
import type { AgencyProvider } from './types.js';

export type { AgencyProvider, ProviderAnswer } from './types.js';

export const PROVIDERS: Readonly<Record<Agency, AgencyProvider>> = {
  fns: fnsProvider,
  rosreestr: rosreestrProvider,
  mvd: mvdProvider,
  sfr: sfrProvider,
};

/** The provider SMEV routes a request to, by its business root's qualified name. */
export function providerFor(namespace: string, root: string): AgencyProvider | null {
  return Object.values(PROVIDERS).find((p) => p.accepts(namespace, root)) ?? null;
}
