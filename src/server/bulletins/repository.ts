import type { BulletinStatus } from '../../shared/bulletins/status.ts';
import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { bulletinProfiles, bulletins } from './schema.ts';
import { withinSubtree } from '../db/scope.ts';

export type BulletinRow = typeof bulletins.$inferSelect;

export async function findBulletin(db: DbOrTx, id: number, forUpdate = false): Promise<BulletinRow | undefined> {
  const query = db.select().from(bulletins).where(eq(bulletins.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

/** The latest signed bulletin of the unit up to this month: what ranks move against and what "changed since" means. */
export async function previousIssued(db: DbOrTx, unitCode: string, period: string): Promise<BulletinRow | undefined> {
  const [row] = await db
    .select()
    .from(bulletins)
    .where(and(eq(bulletins.unitCode, unitCode), eq(bulletins.status, 'issued'), lte(bulletins.period, period)))
    .orderBy(desc(bulletins.period), desc(bulletins.issuedAt), desc(bulletins.id))
    .limit(1);
  return row;
}

/** Signed bulletins of the unit for this very month (a second one asks: replace or add). */
export async function issuedForPeriod(db: DbOrTx, unitCode: string, period: string): Promise<BulletinRow[]> {
  return db
    .select()
    .from(bulletins)
    .where(and(eq(bulletins.unitCode, unitCode), eq(bulletins.period, period), eq(bulletins.status, 'issued')));
}

/** 第N期: how many the unit has signed in the year (void ones kept their numbers). */
export async function numbersTaken(db: DbOrTx, unitCode: string, year: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(bulletins)
    .where(
      and(eq(bulletins.unitCode, unitCode), inArray(bulletins.status, ['issued', 'void']), sql`left(${bulletins.period}, 4) = ${year}`),
    );
  return row?.count ?? 0;
}

export async function listBulletins(db: DbOrTx, scopePath: string, statuses: BulletinStatus[]) {
  return db
    .select({
      id: bulletins.id,
      unitCode: bulletins.unitCode,
      period: bulletins.period,
      asOf: bulletins.asOf,
      status: bulletins.status,
      number: bulletins.number,
      docNumber: bulletins.docNumber,
      title: bulletins.title,
      signedOn: bulletins.signedOn,
      createdBy: bulletins.createdBy,
      issuedBy: bulletins.issuedBy,
      issuedAt: bulletins.issuedAt,
      replacedBy: bulletins.replacedBy,
    })
    .from(bulletins)
    .where(and(withinSubtree(bulletins.unitPath, scopePath), inArray(bulletins.status, statuses)))
    .orderBy(desc(bulletins.period), desc(bulletins.id))
    .limit(200);
}

export async function findProfile(db: DbOrTx, unitCode: string) {
  const [row] = await db.select().from(bulletinProfiles).where(eq(bulletinProfiles.unitCode, unitCode));
  return row;
}
