// The company register as a sheet: the import's columns (header → field), a row read into a draft, the template.
import type { CellValue, SheetTable } from '../excel/cells.ts';
import { splitList } from '../../shared/chains/rules.ts';
import type { CompanyDraft, CompanyField } from './input.ts';

export const SHEET_COLUMNS: { header: string; field: CompanyField; required?: boolean; example: string; width?: number }[] = [
  { header: '企业名称', field: 'name', required: true, example: '扬州示例汽车电子有限公司', width: 30 },
  { header: '统一社会信用代码', field: 'creditCode', example: '91321000MA1234567X', width: 22 },
  { header: '企业类型', field: 'kind', required: true, example: '在地企业' },
  { header: '所属单位', field: 'unit', example: '321002', width: 18 },
  { header: '所在地', field: 'location', example: '' },
  { header: '行业', field: 'industry', example: '36', width: 20 },
  { header: '产业链环节', field: 'links', example: '汽车及零部件/汽车电子', width: 30 },
  { header: '标签', field: 'tags', example: '高新技术企业；专精特新“小巨人”', width: 24 },
  { header: '营业收入(万元)', field: 'revenueWan', example: '52000' },
  { header: '员工人数', field: 'employees', example: '860' },
  { header: '股票代码', field: 'listedCode', example: '' },
  { header: '网址', field: 'website', example: '' },
  { header: '联系人', field: 'contactName', example: '' },
  { header: '联系电话', field: 'contactPhone', example: '' },
  { header: '备注', field: 'notes', example: '', width: 30 },
];

const ALIASES: Record<string, CompanyField> = {
  企业: 'name',
  名称: 'name',
  信用代码: 'creditCode',
  营业收入: 'revenueWan',
  '营业收入（万元）': 'revenueWan',
  产业链: 'links',
  环节: 'links',
};

export const fieldOfHeader = (header: string): CompanyField | undefined =>
  SHEET_COLUMNS.find((column) => column.header === header)?.field ?? ALIASES[header];

export const headerOfField = (field: CompanyField): string => SHEET_COLUMNS.find((column) => column.field === field)?.header ?? field;

const cellText = (value: CellValue | undefined): string | number | null => {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'boolean') return value ? '是' : '否';
  return value;
};

/** The rows of a company sheet as drafts: only the known columns, list cells split on ； ; ， 、. */
export function draftsOf(table: SheetTable): { row: number; draft: CompanyDraft }[] {
  const fieldOfColumn = new Map<number, CompanyField>();
  for (const [column, header] of table.headers) {
    const field = fieldOfHeader(header);
    if (field && ![...fieldOfColumn.values()].includes(field)) fieldOfColumn.set(column, field);
  }
  return table.rows.map((row) => {
    const draft: CompanyDraft = {};
    for (const [column, field] of fieldOfColumn) {
      const value = cellText(row.cells.get(column));
      if (field === 'links' || field === 'tags') draft[field] = value === null ? [] : splitList(String(value));
      else draft[field] = value;
    }
    return { row: row.number, draft };
  });
}
