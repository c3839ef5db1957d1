import type { Messages } from './messages.ts';

export const authMessages = {
  login: ['登录', 'Sign in'],
  usernameRequired: ['请输入用户名', 'Enter your username'],
  loginSubtitle: ['项目台账 · 目标考核 · 填报调度 · 问题销号', 'Ledger · Targets · Reporting · Scheduling'],
  demoHint: [
    '演示账号密码均为 Zhaoyin@2026，例如 yz_officer、hanjiang_officer、admin、auditor',
    'Demo password for every account: Zhaoyin@2026 — e.g. yz_officer, hanjiang_officer, admin, auditor',
  ],
  currentPassword: ['原密码', 'Current password'],
  newPassword: ['新密码', 'New password'],
  confirmPassword: ['确认新密码', 'Confirm new password'],
  passwordsDiffer: ['两次输入的密码不一致', 'The passwords differ'],
  passwordChanged: ['密码已修改', 'Password changed'],
  mustChangePassword: [
    '首次登录、密码已被重置或已过期，请先修改密码',
    'Please set a new password before continuing (first sign-in, reset or expired)',
  ],
  passwordResetNotice: [
    '您的密码已于 {at} 由 {by} 重置。如非您本人申请，请立即联系安全管理员。',
    'Your password was reset by {by} at {at}. If you did not ask for it, tell the security administrator at once.',
  ],
  passwordRules: [
    '密码规则：至少 {min} 位，含大写字母、小写字母、数字、符号中的至少 3 类；不能是常见密码，不能含用户名，不能与最近用过的相同。',
    'Rules: at least {min} characters with 3 of upper case, lower case, digits and symbols; not a common password, not holding the username, none of the last ones.',
  ],
  totpCode: ['动态口令', 'Authenticator code'],
  totpCodeHint: [
    '请输入手机身份验证器（如 Microsoft Authenticator、Google 身份验证器）中“招引”显示的6位数字。',
    'Enter the 6-digit code that your authenticator app shows for 招引 Zhaoyin.',
  ],
  totpCodeRequired: ['请输入6位动态口令', 'Enter the 6-digit code'],
  totpCodeFormat: ['动态口令为6位数字', 'The code has 6 digits'],
  recoveryCode: ['恢复码', 'Recovery code'],
  recoveryCodeHint: [
    '手机不在身边时，可输入启用动态口令时保存的一个恢复码（每个只能用一次）。',
    'Without your phone, enter one of the recovery codes you saved (each works once).',
  ],
  recoveryCodeRequired: ['请输入恢复码', 'Enter a recovery code'],
  useRecoveryCode: ['使用恢复码', 'Use a recovery code'],
  useAuthenticator: ['使用动态口令', 'Use the authenticator'],
  backToPassword: ['返回', 'Back'],
  verify: ['验证', 'Verify'],
  totpSetupTitle: ['启用动态口令（双因素认证）', 'Set up an authenticator (two-factor sign-in)'],
  totpSetupRequired: ['按等保要求，您的账户须启用动态口令后才能继续使用。', 'Your account needs a second factor before you can continue.'],
  totpSetupSteps: [
    '1. 用手机身份验证器扫描二维码（或手动输入密钥）；2. 输入验证器显示的6位数字确认。',
    '1. Scan the QR code with an authenticator app (or type the key); 2. enter the 6 digits it shows.',
  ],
  totpSecret: ['密钥', 'Key'],
  totpEnable: ['确认启用', 'Turn on'],
  totpEnabled: ['动态口令已启用', 'Authenticator on'],
  recoveryCodesTitle: ['请保存恢复码', 'Save your recovery codes'],
  recoveryCodesHint: [
    '手机丢失时，每个恢复码可代替动态口令登录一次。它们只显示这一次，请抄写或打印后妥善保管。',
    'Each code signs you in once without your phone. They are shown only now: write them down or print them.',
  ],
  recoveryCodesSaved: ['我已保存', 'I have saved them'],
  totpDisable: ['关闭动态口令', 'Turn off'],
  totpRenewCodes: ['重新生成恢复码', 'New recovery codes'],
  totpStatusOn: ['已启用：登录时须输入动态口令。', 'On: sign-in asks for a code.'],
  totpStatusOff: [
    '未启用：启用后登录时除密码外还须输入手机验证器中的动态口令。',
    'Off: once on, sign-in asks for a code besides the password.',
  ],
  confirmWithPassword: ['请输入密码确认', 'Confirm with your password'],
  sessionExpired: ['会话已过期，请重新登录', 'Your session has expired; please sign in again'],
} as const satisfies Messages;
