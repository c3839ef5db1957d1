// Responses of the company register (企业库): a company with its chain links, a page of them, an import's result.
import { z } from 'zod';
import { COMPANY_KINDS, COMPANY_TAGS } from '../chains/rules.ts';
import { sheetErrorSchema } from './common.ts';

export const companyLinkSchema = z.object({ chainId: z.string(), chainName: z.string(), linkKey: z.string(), linkName: z.string() });

export const companySchema = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string().nullable(),
  kind: z.enum(COMPANY_KINDS),
  unitCode: z.string(),
  unitName: z.string(),
  location: z.string().nullable(),
  industrySection: z.string().nullable(),
  industryDivision: z.string().nullable(),
  links: z.array(companyLinkSchema),
  tags: z.array(z.enum(COMPANY_TAGS)),
  listedCode: z.string().nullable(),
  revenueWan: z.number().nullable(),
  employees: z.number().nullable(),
  website: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactsMasked: z.boolean(),
  notes: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});

export const companiesResponse = z.object({ items: z.array(companySchema), total: z.number().int() });

export const companiesImportResponse = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  dryRun: z.boolean(),
  errors: z.array(sheetErrorSchema),
});
