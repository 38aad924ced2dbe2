import { sql } from 'kysely';
import { issueCrl } from '../../platform/crypto/pki.js';
import type { Pki } from '../../platform/pki/installation.js';

/**
 * The CA's certificate revocation list. A revocation command publishes a new one after it commits;
 * a reader that finds the newest CRL behind the revocations (a crash between the two) or close to its
 * next update publishes one itself, so the served CRL is never stale.
 */

export interface PublishedCrl {
  crlNumber: number;
  der: Uint8Array;
  revokedCount: number;
  thisUpdate: Date;
  nextUpdate: Date;
}

const CRL_LOCK = 7_345_004;
const DAY = 86_400_000;
/** A CRL is valid for a week and re-issued when less than a day of it is left. */
const VALIDITY_DAYS = 7;

function fresh(crl: PublishedCrl, revokedCount: number, now: Date): boolean {
  return crl.revokedCount === revokedCount && crl.nextUpdate.getTime() - now.getTime() > DAY;
}

function asCrl(row: PublishedCrl): PublishedCrl {
  return { ...row, der: new Uint8Array(row.der) };
}

export async function currentCrl(pki: Pki): Promise<PublishedCrl> {
  const db = pki.database.system;
  const latest = await db
    .selectFrom('pkiCrls')
    .selectAll()
    .orderBy('crlNumber', 'desc')
    .limit(1)
    .executeTakeFirst();
  const { count } = await db
    .selectFrom('pkiRevocations')
    .select(sql<number>`count(*)::int`.as('count'))
    .executeTakeFirstOrThrow();
  if (latest && fresh(latest, count, new Date())) return asCrl(latest);
  return publishCrl(pki);
}

/** Issues a CRL of every revocation so far, numbered after the last one. */
export async function publishCrl(pki: Pki): Promise<PublishedCrl> {
  const installation = await pki.ready();
  return pki.database.system.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${CRL_LOCK})`.execute(tx);
    const revoked = await tx.selectFrom('pkiRevocations').selectAll().orderBy('revokedAt').execute();
    const latest = await tx
      .selectFrom('pkiCrls')
      .selectAll()
      .orderBy('crlNumber', 'desc')
      .limit(1)
      .executeTakeFirst();
    const now = new Date();
    // Another process published one meanwhile.
    if (latest && fresh(latest, revoked.length, now)) return asCrl(latest);
    const crlNumber = (latest?.crlNumber ?? 0) + 1;
    const nextUpdate = new Date(now.getTime() + VALIDITY_DAYS * DAY);
    const { crl } = await issueCrl({
      provider: pki.provider,
      ca: installation.ca,
      revoked: revoked.map((r) => ({ serialNumber: r.serialNumber, revokedAt: r.revokedAt })),
      thisUpdate: now,
      nextUpdate,
      crlNumber,
    });
    const row = { crlNumber, der: crl, revokedCount: revoked.length, thisUpdate: now, nextUpdate };
    await tx
      .insertInto('pkiCrls')
      .values({ ...row, der: Buffer.from(crl) })
      .execute();
    return row;
  });
}
