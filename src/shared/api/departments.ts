// Responses of the departments API: the success bodies, checked on every response in tests.
import { z } from 'zod';
import { DEPARTMENT_KINDS } from '../departments.ts';

export const departmentSchema = z.object({
  id: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  name: z.string(),
  kind: z.enum(DEPARTMENT_KINDS),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
  users: z.number().nullable(),
});

export const departmentsResponse = z.object({ items: z.array(departmentSchema) });
