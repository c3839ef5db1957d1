/** The import template's columns (exact text; docs/import-template.md) and the record fields they fill. */
export const TEMPLATE_COLUMNS = [
  { header: '项目编号', field: 'code', required: false, width: 20 },
  { header: '项目名称', field: 'name', required: true, width: 32 },
  { header: '所属单位', field: 'unitCode', required: true, width: 18 },
  { header: '投资方', field: 'investorName', required: true, width: 28 },
  { header: '内外资', field: 'capitalType', required: true, width: 10 },
  { header: '币种', field: 'currency', required: false, width: 8 },
  { header: '总投资', field: 'totalInvestment', required: true, width: 14 },
  { header: '当前阶段', field: 'stage', required: true, width: 10 },
  { header: '统一社会信用代码', field: 'investorCreditCode', required: false, width: 22 },
  { header: '项目类型', field: 'projectType', required: false, width: 10 },
  { header: '行业', field: 'industryDivision', required: false, width: 22 },
  { header: '产业链', field: 'chain', required: false, width: 16 },
  { header: '项目级别', field: 'levels', required: false, width: 12 },
  { header: '线索来源', field: 'leadSource', required: false, width: 12 },
  { header: '挂钩领导', field: 'sponsorLeader', required: false, width: 12 },
  { header: '引荐人', field: 'referrer', required: false, width: 12 },
  { header: '责任单位', field: 'responsibleUnit', required: false, width: 16 },
  { header: '用地(亩)', field: 'landMu', required: false, width: 10 },
  { header: '固定资产投资', field: 'fixedAssetInvestment', required: false, width: 14 },
  { header: '注册资本', field: 'registeredCapital', required: false, width: 12 },
  { header: '合同外资', field: 'contractForeignCapital', required: false, width: 12 },
  { header: '建设内容', field: 'content', required: false, width: 36 },
  { header: '首次填报日期', field: 'firstReportedOn', required: false, width: 13 },
  { header: '签约日期', field: 'dates.signed', required: false, width: 12 },
  { header: '注册日期', field: 'dates.registered', required: false, width: 12 },
  { header: '开工日期', field: 'dates.started', required: false, width: 12 },
  { header: '竣工日期', field: 'dates.completed', required: false, width: 12 },
  { header: '投产日期', field: 'dates.producing', required: false, width: 12 },
  { header: '达产日期', field: 'dates.at_capacity', required: false, width: 12 },
  { header: '入库列统日期', field: 'listedOn', required: false, width: 13 },
  { header: '状态', field: 'status', required: false, width: 8 },
  { header: '终止日期', field: 'terminatedOn', required: false, width: 12 },
  { header: '终止原因', field: 'terminationReason', required: false, width: 14 },
  { header: '备注', field: 'remarks', required: false, width: 24 },
  // Not a field of the record: a row that moves a stage back or changes a reached stage's date says why here.
  { header: '更正说明', field: 'correctionNote', required: false, width: 24 },
] as const;
export type TemplateField = (typeof TEMPLATE_COLUMNS)[number]['field'];

const MONEY_FIELDS = new Set<TemplateField>(['totalInvestment', 'fixedAssetInvestment', 'registeredCapital', 'contractForeignCapital']);

/** Money headers may carry their unit: 总投资(万元), 总投资(亿元), 合同外资(万美元) … */
export function matchHeader(header: string): { field: TemplateField; scale: number } | null {
  for (const column of TEMPLATE_COLUMNS) {
    if (header === column.header) return { field: column.field, scale: 1 };
    if (MONEY_FIELDS.has(column.field)) {
      // 万，按币种: the ledger export's amounts in 万 of the 币种 column beside them
      const unit = new RegExp(`^${column.header}\\((万元|亿元|万美元|亿美元|万|万，按币种)\\)$`).exec(header);
      if (unit) return { field: column.field, scale: unit[1]!.startsWith('亿') ? 10_000 : 1 };
    }
  }
  if (header === '项目代码') return { field: 'code', scale: 1 };
  return null;
}

export const headerOfField = (field: TemplateField): string => TEMPLATE_COLUMNS.find((c) => c.field === field)!.header;
