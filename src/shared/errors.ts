// Typed error codes with their messages in the user's language. HTTP statuses are mapped in one place on the server.

export type Lang = 'zh' | 'en';

export const ERROR_MESSAGES = {
  UNAUTHENTICATED: { zh: '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: { zh: '会话已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  INVALID_CREDENTIALS: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: {
    zh: '登录失败次数过多，该账户在此处已锁定，请 {minutes} 分钟后再试（其他地点登录不受影响，也可请安全管理员解锁）',
    en: 'Too many failed sign-ins; the account is locked here for {minutes} more minutes (elsewhere it is not; the security administrator can unlock it)',
  },
  FORBIDDEN: { zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  INDICATOR_OWNED_ELSEWHERE: {
    zh: '该指标由{unit}设立，只能由该单位修改或停用',
    en: 'This indicator was set up by {unit}; only that unit can change or archive it',
  },
  TARGET_REVISION_NEEDS_REASON: {
    zh: '目标已下达（第{version}版），调整须填写原因',
    en: 'These targets were issued (version {version}); a change needs a reason',
  },
  TARGET_SET_ABOVE: { zh: '本单位的考核目标由上级单位下达，不能自行设定', en: 'A unit’s targets are set by the unit above it' },
  FOREIGN_ORIGIN: {
    zh: '请求来自其他网站，已拒绝。请在本系统页面内操作',
    en: 'The request came from another site and was refused; use the application itself',
  },
  OUT_OF_SCOPE: { zh: '该单位不在您的管辖范围内', en: 'That unit is outside your jurisdiction' },
  NOT_FOUND: { zh: '未找到该记录', en: 'Not found' },
  VALIDATION: { zh: '输入有误：{detail}', en: 'Invalid input: {detail}' },
  CONFLICT: { zh: '该记录已被他人修改，请刷新后重试', en: 'Someone else changed this record; reload and try again' },
  DUPLICATE: { zh: '{what}已存在', en: '{what} already exists' },
  ROLE_SET_INVALID: { zh: '角色组合不符合三员分立要求：{detail}', en: 'Role combination breaks separation of duties: {detail}' },
  SELF_CHANGE: { zh: '不能修改自己的{what}', en: 'You cannot change your own {what}' },
  PASSWORD_WEAK: { zh: '密码不符合要求：{detail}', en: 'The password does not meet the rules: {detail}' },
  PASSWORD_CHANGE_REQUIRED: {
    zh: '请先修改密码（密码已被重置、已过期或为初始密码），再继续操作',
    en: 'Change your password first (it was reset, has expired or is an initial one)',
  },
  TOTP_REQUIRED: { zh: '请输入动态口令（身份验证器中的6位数字）', en: 'Enter the 6-digit code of your authenticator' },
  TOTP_ENROLLMENT_REQUIRED: {
    zh: '您的账户须启用动态口令（身份验证器）后才能继续操作',
    en: 'Your account needs an authenticator before you can continue',
  },
  TOTP_INVALID: { zh: '动态口令不正确或已过期', en: 'Wrong or expired code' },
  ADMIN_ACCOUNT_PROTECTED: {
    zh: '三员分立：不能通过系统重置、停用或启用管理员账户，请由服务器运维人员使用命令行办理',
    en: 'Separation of duties: administrator accounts cannot be reset, disabled or enabled through the application; the server operator does it with the CLI',
  },
  PASSWORD_WRONG: { zh: '原密码不正确', en: 'The current password is wrong' },
  UNIT_LEVEL_NOT_ALLOWED: { zh: '不能在{parent}下添加{child}', en: 'A {child} cannot be added under a {parent}' },
  UNIT_IN_USE: { zh: '该单位下仍有{what}，不能删除', en: 'The unit still has {what}; it cannot be deleted' },
  REFERENCE_UNIT: { zh: '国家标准行政区划不能修改或删除', en: 'Units from the national standard (GB/T 2260) cannot be changed or deleted' },
  LOCKED: {
    zh: '{what}已审核锁定，不能修改；如需更正，请联系审核人解锁',
    en: '{what} is approved and locked; ask the reviewer to unlock it to make a correction',
  },
  PAYLOAD_TOO_LARGE: { zh: '上传的文件过大', en: 'The upload is too large' },
  UPLOAD_TOO_LARGE: { zh: '文件超过 {limit} MB，请压缩或分批上传', en: 'The file exceeds {limit} MB; compress it or upload it in parts' },
  UPLOAD_INFLATES_TOO_MUCH: {
    zh: '文件解压后超过 {limit} MB（异常或恶意构造的文件），已拒绝',
    en: 'The file inflates to more than {limit} MB (a malformed or malicious file) and was refused',
  },
  UPLOAD_TOO_MANY_ROWS: { zh: '表格超过 {limit} 行，请分批上传', en: 'The sheet has more than {limit} rows; upload it in parts' },
  UPLOAD_NOT_XLSX: { zh: '无法读取文件：请上传 .xlsx 格式的 Excel 文件', en: 'Unreadable file: upload an .xlsx workbook' },
  UPLOAD_MISSING: { zh: '请选择要上传的文件（表单字段 file）', en: 'Choose a file to upload (form field "file")' },
  UPLOAD_MALFORMED: { zh: '上传请求格式不正确，请重新选择文件上传', en: 'The upload request is malformed; choose the file again' },
  CHAIN_LINK_IN_USE: {
    zh: '环节“{links}”上仍有企业或项目，不能删除：请先把这些企业和项目调整到其他环节',
    en: 'Companies or projects still sit on link(s) {links}; move them to other links before removing it',
  },
  BULLETIN_EXISTS: {
    zh: '{period} 已签发通报（{issued}）：请选择作废原通报并以本期替换，或另发一期',
    en: 'A bulletin for {period} is already issued ({issued}): replace it (it is voided) or add another',
  },
  UPLOAD_NOT_IMAGE: { zh: '请上传照片（JPEG、PNG、WebP 或 HEIC 格式）', en: 'Upload a photo (JPEG, PNG, WebP or HEIC)' },
  TOO_MANY_PHOTOS: { zh: '每条记录最多 {limit} 张照片', en: 'At most {limit} photos per record' },
  PROJECT_ATTRIBUTED: {
    zh: '项目“{project}”已归属招商顾问“{advisor}”：请先解除原归属',
    en: 'Project {project} is already attributed to advisor {advisor}; detach it first',
  },
  ADVISOR_HAS_REWARDS: {
    zh: '招商顾问“{advisor}”已有审定的奖励记录，不能删除：可将聘期结束',
    en: 'Advisor {advisor} has approved rewards and cannot be deleted; end the term instead',
  },
  ALERT_ASSIGNEE: {
    zh: '只能指派给能看到这条预警的在岗业务人员（本单位或上级单位的领导、经办人、审核员）',
    en: 'An alert can be assigned only to an active business user who can see it (a leader, officer or reviewer of its unit or a unit above)',
  },
  ALERT_RESOLVED: { zh: '这条预警已解除，不需再处置', en: 'This alert has cleared; there is nothing left to handle' },
  SNOOZE_UNTIL: {
    zh: '暂缓到的日期须在今天（{today}）到 {latest} 之间，格式如 2026-12-31',
    en: 'Snooze until a day from today ({today}) to {latest}, written like 2026-12-31',
  },
  SNOOZE_REASON: { zh: '暂缓须写明原因（2–200 字）', en: 'Say why the alert is set aside (2–200 characters)' },
  REWARD_STATE: { zh: '{detail}', en: '{detail}' },
  REWARDS_RESTRICTED: {
    zh: '招商顾问的奖励仅聘任单位的审核员和领导可见，由其审核员审定和兑现',
    en: 'Advisors’ rewards are shown to the appointing unit’s reviewers and leaders only, and decided by its reviewers',
  },
  RATE_LIMITED: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again shortly' },
  LOGIN_THROTTLED: {
    zh: '此地址登录失败次数过多，请 {seconds} 秒后再试',
    en: 'Too many failed sign-ins from this address; try again in {seconds} s',
  },
  INTERNAL: { zh: '服务器内部错误，请稍后再试或联系管理员', en: 'Internal error; try again later or contact the administrator' },
} as const satisfies Record<string, Record<Lang, string>>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export function formatMessage(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function errorMessage(code: ErrorCode, lang: Lang, params?: Record<string, string | number>): string {
  return formatMessage(ERROR_MESSAGES[code][lang], params);
}

/** The shape of every error body the API returns. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
