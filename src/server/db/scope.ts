// The unit subtree: a unit's path is its ancestors' codes and its own (`/320000/321000/321003/`), so "this unit and
// everything below it" is a prefix match on the path, served by the path indexes. Written once, here.
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** A text with LIKE's wildcards escaped, to match literally. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, '\\$&');

/** The LIKE pattern of a unit's subtree (for queries written as raw SQL). */
export const subtreePattern = (unitPath: string): string => `${escapeLike(unitPath)}%`;

/** `column` (a unit path) lies in the subtree of `unitPath`: the unit itself and every unit below it. */
export const withinSubtree = (column: AnyColumn | SQL, unitPath: string): SQL => sql`${column} like ${subtreePattern(unitPath)}`;
