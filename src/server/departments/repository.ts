// The departments table's SQL (its owner): found, listed within a subtree, inserted, updated, deleted.
import { and, asc, eq, ilike, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { escapeLike } from '../db/scope.ts';
import { withinPath } from '../units/repository.ts';
import { units } from '../units/schema.ts';
import { departmentMemberCount } from '../users/repository.ts';
import { departments } from './schema.ts';

export type DepartmentRow = typeof departments.$inferSelect;
export const AUDITED = ['unitCode', 'name', 'kind', 'contactName', 'contactPhone', 'active'] as const;

export async function findDepartment(
  db: DbOrTx,
  id: string,
): Promise<(DepartmentRow & { unitPath: string; unitName: string }) | undefined> {
  const [row] = await db
    .select({ department: departments, unitPath: units.path, unitName: units.name })
    .from(departments)
    .innerJoin(units, eq(units.code, departments.unitCode))
    .where(eq(departments.id, id));
  return row ? { ...row.department, unitPath: row.unitPath, unitName: row.unitName } : undefined;
}

export async function listDepartments(
  db: DbOrTx,
  filter: { scopePath: string; unitCode?: string; subtree?: boolean; q?: string; includeInactive?: boolean },
) {
  const conditions: SQL[] = [withinPath(filter.scopePath)];
  if (filter.unitCode && !filter.subtree) conditions.push(eq(departments.unitCode, filter.unitCode));
  if (!filter.includeInactive) conditions.push(eq(departments.active, true));
  if (filter.q) conditions.push(ilike(departments.name, `%${escapeLike(filter.q)}%`));
  return db
    .select({
      department: departments,
      unitName: units.name,
      users: departmentMemberCount(departments.id),
    })
    .from(departments)
    .innerJoin(units, eq(units.code, departments.unitCode))
    .where(and(...conditions))
    .orderBy(asc(units.depth), asc(units.code), asc(departments.name));
}

/** Another department of the unit already has this name. */
export async function nameTaken(db: DbOrTx, unitCode: string, name: string): Promise<boolean> {
  const [clash] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.unitCode, unitCode), eq(departments.name, name)));
  return clash !== undefined;
}

export async function insertDepartment(db: DbOrTx, values: typeof departments.$inferInsert): Promise<DepartmentRow> {
  const [created] = await db.insert(departments).values(values).returning();
  if (!created) throw new Error('insert returned nothing');
  return created;
}

export async function updateDepartmentRow(db: DbOrTx, id: string, values: Partial<typeof departments.$inferInsert>) {
  const [after] = await db.update(departments).set(values).where(eq(departments.id, id)).returning();
  return after;
}

export async function deleteDepartmentRow(db: DbOrTx, id: string): Promise<void> {
  await db.delete(departments).where(eq(departments.id, id));
}
