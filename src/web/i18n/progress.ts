import type { Messages } from './messages.ts';

export const progressMessages = {
  reportProgress: ['填报进度', 'Report progress'],
  investedWan: ['本月完成投资（万元）', 'Invested this month (CNY 10k)'],
  imageProgress: ['形象进度', 'Physical progress'],
  problems: ['存在问题', 'Problems'],
  nextSteps: ['下步计划', 'Next steps'],
  backwardSchedule: ['倒排工期', 'Backward schedule'],
  targetMilestone: ['目标节点', 'Target milestone'],
  targetDate: ['目标日期', 'Target date'],
  propose: ['生成计划', 'Propose'],
  tightPlan: ['按常规工期已来不及', 'Too late at the usual pace'],
  reached: ['已完成', 'Reached'],
  savePlan: ['保存计划节点', 'Save planned dates'],
  planSaved: ['计划节点已保存', 'Planned dates saved'],
  thisMonthWan: ['本月完成', 'This month'],
  unitTotal: ['合计', 'Total'],
  savedYtdSinceStart: ['已保存：年初至今 {value} 万元，开工至今 {value2} 万元', 'Saved: YTD {value}, since start {value2} (CNY 10k)'],
  photos: ['照片', 'Photos'],
  by: ['填报人', 'By'],
  cannotBeNegative: ['不能为负数', 'Cannot be negative'],
  photosFromTheProjectS: ['照片（从项目附件中选择）', 'Photos (from the project’s attachments)'],
  uploadSitePhotosUnderAttachments: ['请先在“附件”中上传现场照片', 'Upload site photos under Attachments first'],
  noteRequiredWhenTheCumulative: ['说明（累计超过总投资时必填）', 'Note (required when the cumulative figure passes the total)'],
  someMilestonesAreAlreadyLate: [
    '部分节点按常规工期已来不及，请调整计划或压缩工期',
    'Some milestones are already late at the usual pace: adjust the plan',
  ],
  scheduleAtTheEndOf: [
    '单位：万元。序时进度 {value}（{month} 末）；完成年度% = 年初至今累计 ÷ 年度计划投资。',
    'In CNY 10k. Schedule {value} at the end of {month}; completion = year to date ÷ annual plan.',
  ],
} as const satisfies Messages;
