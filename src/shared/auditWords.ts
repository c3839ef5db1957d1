// The audit log in words: an action code (`project.update`, `auth.login`) as people say it, the outcomes, a change.
// The server writes codes; the page and the Excel word them from here (codes stay beside the words for the auditor).

export interface Label {
  zh: string;
  en: string;
}

/** Whole actions whose words are not "verb + object". */
const ACTIONS: Record<string, Label> = {
  'auth.login': { zh: '登录', en: 'Signed in' },
  'auth.logout': { zh: '退出登录', en: 'Signed out' },
  'auth.recovery_code': { zh: '使用恢复码登录', en: 'Signed in with a recovery code' },
  'access.denied': { zh: '越权访问被拒绝', en: 'Access denied' },
  'alert.read': { zh: '预警标为已读', en: 'Marked alerts read' },
  'alert.assign': { zh: '指派预警', en: 'Assigned an alert' },
  'alert.snooze': { zh: '暂缓预警', en: 'Snoozed an alert' },
  'alert.wake': { zh: '恢复预警', en: 'Woke an alert' },
  'audit.verify': { zh: '校验审计日志', en: 'Verified the audit log' },
  'blocker.raise': { zh: '提出问题', en: 'Raised a blocker' },
  'blocker.confirm': { zh: '问题销号', en: 'Confirmed a blocker closed' },
  'bulletin.issue': { zh: '印发简报', en: 'Issued a bulletin' },
  'bulletin.draft': { zh: '起草简报', en: 'Drafted a bulletin' },
  'bulletin.profile': { zh: '修改简报模板', en: 'Changed the bulletin profile' },
  'demo.load': { zh: '载入演示数据', en: 'Loaded the demo data' },
  'demo.load_projects': { zh: '载入演示项目', en: 'Loaded demo projects' },
  'demo.targets': { zh: '载入演示目标', en: 'Loaded demo targets' },
  'meeting.decision': { zh: '记录会议议定事项', en: 'Recorded a meeting decision' },
  'progress.plan': { zh: '填写年度投资计划', en: 'Set an annual plan' },
  'progress.save': { zh: '填写月度进度', en: 'Saved monthly progress' },
  'project.arrival': { zh: '登记实际到资', en: 'Recorded capital arrived' },
  'project.attach': { zh: '上传项目附件', en: 'Attached a file to a project' },
  'project.correct': { zh: '更正项目阶段日期', en: 'Corrected a stage date' },
  'project.duplicate_dismiss': { zh: '确认不是重复项目', en: 'Dismissed a duplicate' },
  'project.import_create': { zh: '导入新建项目', en: 'Created a project by import' },
  'project.import_update': { zh: '导入更新项目', en: 'Updated a project by import' },
  'project.list': { zh: '查询项目列表', en: 'Listed projects' },
  'project.status': { zh: '变更项目状态', en: 'Changed a project’s status' },
  'project.transition': { zh: '推进项目阶段', en: 'Advanced a project’s stage' },
  'report.save': { zh: '保存填报', en: 'Saved a report' },
  'report.submit': { zh: '提交填报', en: 'Submitted a report' },
  'report.approve': { zh: '审核通过填报', en: 'Approved a report' },
  'report.return': { zh: '退回填报', en: 'Returned a report' },
  'report.unlock': { zh: '解锁填报', en: 'Unlocked a report' },
  'settings.update': { zh: '修改系统设置', en: 'Changed settings' },
  'staff.post': { zh: '设置岗位', en: 'Set a post' },
  'system.restore': { zh: '恢复数据库备份', en: 'Restored a backup' },
  'target.issue': { zh: '下达目标', en: 'Issued targets' },
  'user.change_password': { zh: '修改本人密码', en: 'Changed own password' },
  'user.reset_password': { zh: '重置用户密码', en: 'Reset a password' },
  'user.set_roles': { zh: '设置用户角色', en: 'Set a user’s roles' },
  'user.recovery_codes': { zh: '生成恢复码', en: 'Made recovery codes' },
  'user.totp_enable': { zh: '启用双因素认证', en: 'Turned on two-factor sign-in' },
  'user.totp_disable': { zh: '停用双因素认证', en: 'Turned off two-factor sign-in' },
  'user.totp_reset': { zh: '重置双因素认证', en: 'Reset two-factor sign-in' },
  'user.totp_setup': { zh: '设置双因素认证', en: 'Set up two-factor sign-in' },
  'user.unlock': { zh: '解锁用户', en: 'Unlocked a user' },
  'view.save': { zh: '保存筛选视图', en: 'Saved a view' },
  'view.delete': { zh: '删除筛选视图', en: 'Deleted a view' },
};

/** What an action is done to (the code's first word; also the log's object types). */
export const AUDIT_OBJECTS: Record<string, Label> = {
  advisor: { zh: '招商顾问', en: 'advisor' },
  alert: { zh: '预警', en: 'alert' },
  audit: { zh: '审计日志', en: 'audit log' },
  blocker: { zh: '问题', en: 'blocker' },
  bulletin: { zh: '简报', en: 'bulletin' },
  chain: { zh: '产业链', en: 'chain' },
  company: { zh: '企业', en: 'company' },
  database: { zh: '数据库', en: 'database' },
  demo: { zh: '演示数据', en: 'demo data' },
  department: { zh: '部门', en: 'department' },
  event: { zh: '招商活动', en: 'event' },
  exchange_rate: { zh: '汇率', en: 'exchange rate' },
  indicator: { zh: '指标', en: 'indicator' },
  indicator_report: { zh: '指标数据', en: 'indicator figure' },
  league: { zh: '赛马方案', en: 'league' },
  league_adjustment: { zh: '赛马加减分', en: 'league adjustment' },
  league_scheme: { zh: '赛马方案', en: 'league' },
  meeting: { zh: '调度会', en: 'meeting' },
  project: { zh: '项目', en: 'project' },
  rate: { zh: '汇率', en: 'exchange rate' },
  report_submission: { zh: '填报', en: 'report' },
  report_task: { zh: '填报任务', en: 'reporting task' },
  route: { zh: '接口', en: 'route' },
  saved_view: { zh: '筛选视图', en: 'saved view' },
  setting: { zh: '系统设置', en: 'setting' },
  target: { zh: '目标', en: 'target' },
  target_issue: { zh: '目标下达', en: 'target issue' },
  trip: { zh: '外出招商', en: 'trip' },
  unit: { zh: '单位', en: 'unit' },
  user: { zh: '用户', en: 'user' },
};

const VERBS: Record<string, Label> = {
  create: { zh: '新建', en: 'Created' },
  update: { zh: '修改', en: 'Changed' },
  delete: { zh: '删除', en: 'Deleted' },
  export: { zh: '导出', en: 'Exported' },
  import: { zh: '导入', en: 'Imported' },
  merge: { zh: '合并', en: 'Merged' },
  attribute: { zh: '归属项目到', en: 'Attributed a project to' },
  detach: { zh: '解除项目归属', en: 'Detached a project from' },
  contact: { zh: '记录联系', en: 'Logged contact with' },
  pipeline: { zh: '推进招商进度', en: 'Moved in the pipeline' },
  photo: { zh: '上传照片', en: 'Added a photo to' },
  note: { zh: '办理记录', en: 'Noted on' },
  resolve: { zh: '办结', en: 'Resolved' },
  reopen: { zh: '重新打开', en: 'Reopened' },
  accept: { zh: '接受', en: 'Accepted' },
  approve: { zh: '审定', en: 'Approved' },
  pay: { zh: '兑现', en: 'Paid' },
  revoke: { zh: '撤销', en: 'Revoked' },
  submit: { zh: '提交', en: 'Submitted' },
  return: { zh: '退回', en: 'Returned' },
  discard: { zh: '作废', en: 'Discarded' },
  refresh: { zh: '刷新', en: 'Refreshed' },
  adjust: { zh: '加减分', en: 'Adjusted' },
  compliance: { zh: '计入填报合规', en: 'Scored compliance of' },
  report: { zh: '填报', en: 'Reported' },
  assignment: { zh: '交办', en: 'Assigned' },
  dismiss: { zh: '驳回', en: 'Dismissed' },
  assign: { zh: '指派', en: 'Assigned' },
};

/** An action in words: a known whole action, else the verbs then the object (`advisor.reward.pay` → 兑现 招商顾问奖励). */
export function auditActionLabel(action: string): Label {
  const whole = ACTIONS[action];
  if (whole) return whole;
  const [object = '', ...rest] = action.split('.');
  const noun = AUDIT_OBJECTS[object];
  const verbs = rest.map((word) => VERBS[word]).filter((v): v is Label => v !== undefined);
  if (!noun || verbs.length !== rest.filter((w) => w !== 'reward').length || !rest.length) return { zh: action, en: action };
  const reward = rest.includes('reward');
  return {
    zh: `${verbs.map((v) => v.zh).join('')}${noun.zh}${reward ? '奖励' : ''}`,
    en: `${verbs.map((v) => v.en).join(', ')} ${reward ? `an ${noun.en}’s reward` : `a ${noun.en}`}`,
  };
}

export const AUDIT_OUTCOME_LABELS: Record<'success' | 'failure' | 'denied', Label> = {
  success: { zh: '成功', en: 'Done' },
  failure: { zh: '失败', en: 'Failed' },
  denied: { zh: '拒绝', en: 'Denied' },
};

const shown = (value: unknown): string =>
  value === null || value === undefined || value === '' ? '（空）' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/** A change as a line: 字段：旧 → 新；… (a changed list or record keeps its own compact form). */
export function changesText(
  changes: Record<string, { before: unknown; after: unknown }> | null,
  fieldName: (field: string) => string = (f) => f,
): string | null {
  if (!changes) return null;
  const parts = Object.entries(changes).map(([field, c]) =>
    c && typeof c === 'object' && 'before' in c
      ? `${fieldName(field)}：${shown(c.before)} → ${shown(c.after)}`
      : `${fieldName(field)}：${shown(c)}`,
  );
  return parts.length ? parts.join('；') : null;
}
