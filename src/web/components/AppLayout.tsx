import {
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  FlagOutlined,
  MobileOutlined,
  OrderedListOutlined,
  SolutionOutlined,
  BankOutlined,
  BellOutlined,
  CopyOutlined,
  DashboardOutlined,
  DownOutlined,
  EditOutlined,
  FieldTimeOutlined,
  FormOutlined,
  FunctionOutlined,
  HomeOutlined,
  IssuesCloseOutlined,
  KeyOutlined,
  LineChartOutlined,
  LogoutOutlined,
  NotificationOutlined,
  ProjectOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SettingOutlined,
  StarOutlined,
  TeamOutlined,
  TrophyOutlined,
  UnorderedListOutlined,
  NodeIndexOutlined,
  ClusterOutlined,
  ShopOutlined,
  MenuOutlined,
  FunnelPlotOutlined,
  CarOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Badge, Button, Dropdown, Grid, Layout, Menu, Segmented, Space, Spin, Tag, Typography, type MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { type UnitLevel } from '../../shared/units.ts';
import { useApi } from '../api/hooks.ts';
import { call } from '../api/contract.ts';
import { useI18n } from '../i18n/index.tsx';
import { ME_KEY, useSession } from '../session.tsx';
import { ChangePasswordModal } from './ChangePasswordModal.tsx';
import { TotpModal } from './TotpModal.tsx';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const { me, can } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [totpOpen, setTotpOpen] = useState(false);
  // on a phone the menu folds away entirely (its zero-width trigger opens it) and closes once a page is chosen
  const phone = !Grid.useBreakpoint().md;
  const [collapsed, setCollapsed] = useState(false);
  if (!me) return null;
  // the server lets such a session do nothing else: no page is shown until it is put right
  const restricted = me.user.mustChangePassword || me.user.needsTotp;

  // The sidebar shows only what the user may open: capabilities appear as they are built.
  const items: MenuProps['items'] = [
    { key: '/', icon: <HomeOutlined />, label: t('home') },
    ...(can('business:read') ? [{ key: '/glance', icon: <MobileOutlined />, label: t('leaderSummary') }] : []),
    ...(can('business:read')
      ? [
          {
            key: 'ledger',
            icon: <ProjectOutlined />,
            label: t('ledger'),
            children: [
              { key: '/projects', icon: <UnorderedListOutlined />, label: t('projects') },
              { key: '/cockpit', icon: <DashboardOutlined />, label: t('cockpit') },
              { key: '/targets', icon: <AimOutlined />, label: t('targets') },
              { key: '/league', icon: <TrophyOutlined />, label: t('league') },
              { key: '/targets/indicators', icon: <FunctionOutlined />, label: t('indicatorCatalog') },
              ...(can('business:review') ? [{ key: '/projects/duplicates', icon: <CopyOutlined />, label: t('duplicates') }] : []),
            ],
          },
        ]
      : []),
    ...(can('business:read')
      ? [
          {
            key: 'promotion',
            icon: <NodeIndexOutlined />,
            label: t('investmentPromotion'),
            children: [
              { key: '/chains', icon: <ClusterOutlined />, label: t('chainMap') },
              { key: '/companies', icon: <ShopOutlined />, label: t('companyRegister') },
              { key: '/trips', icon: <CarOutlined />, label: t('trips') },
              { key: '/staff/out-of-city', icon: <FieldTimeOutlined />, label: t('outOfCity') },
              { key: '/staff/scoreboard', icon: <OrderedListOutlined />, label: t('scoreboard') },
              { key: '/sources', icon: <FunnelPlotOutlined />, label: t('sourceConversion') },
              { key: '/events', icon: <FlagOutlined />, label: t('events') },
              { key: '/advisors', icon: <SolutionOutlined />, label: t('advisors') },
            ],
          },
        ]
      : []),
    ...(can('business:read')
      ? [
          {
            key: 'reporting',
            icon: <FormOutlined />,
            label: t('reporting'),
            children: [
              { key: '/reporting', icon: <EditOutlined />, label: t('mySubmissions') },
              { key: '/reporting/tasks', icon: <ScheduleOutlined />, label: t('reportTasks') },
              { key: '/reporting/compliance', icon: <FieldTimeOutlined />, label: t('compliance') },
              { key: '/reporting/progress', icon: <LineChartOutlined />, label: t('progressSummary') },
              { key: '/alerts', icon: <AlertOutlined />, label: t('alertCenter') },
              { key: '/meetings', icon: <TeamOutlined />, label: t('meetings') },
              { key: '/sponsors', icon: <StarOutlined />, label: t('sponsors') },
              { key: '/blockers', icon: <IssuesCloseOutlined />, label: t('blockers') },
              { key: '/bulletins', icon: <NotificationOutlined />, label: t('bulletins') },
            ],
          },
        ]
      : []),
    ...(can('org:read')
      ? [
          {
            key: 'org',
            icon: <ApartmentOutlined />,
            label: t('organization'),
            children: [
              { key: '/org/units', icon: <BankOutlined />, label: t('units') },
              { key: '/org/departments', icon: <TeamOutlined />, label: t('departments') },
            ],
          },
        ]
      : []),
    ...(can('users:read') || can('settings:read')
      ? [
          {
            key: 'admin',
            icon: <SettingOutlined />,
            label: t('system'),
            children: [
              ...(can('users:read') ? [{ key: '/admin/users', icon: <UserOutlined />, label: t('users') }] : []),
              ...(can('settings:read') ? [{ key: '/admin/settings', icon: <SettingOutlined />, label: t('settings') }] : []),
            ],
          },
        ]
      : []),
    ...(can('audit:read') ? [{ key: '/audit', icon: <AuditOutlined />, label: t('audit') }] : []),
  ];
  const selected = items
    .flatMap((item) => (item && 'children' in item && item.children ? item.children : [item]))
    .map((item) => String(item?.key))
    .filter((key) => key === location.pathname || (key !== '/' && location.pathname.startsWith(key)))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);

  const logout = async () => {
    try {
      await call('POST /api/v1/auth/logout');
    } finally {
      client.clear();
      client.setQueryData(ME_KEY, null);
      navigate('/login', { replace: true });
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        width={216}
        breakpoint="lg"
        collapsedWidth={phone ? 0 : 64}
        collapsed={collapsed}
        onCollapse={setCollapsed}
        onBreakpoint={setCollapsed}
        trigger={phone ? null : undefined}
        theme="dark"
        data-testid="side-menu"
      >
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            color: '#fff',
            fontSize: 18,
            fontWeight: 600,
            letterSpacing: 2,
          }}
        >
          {t('appName')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={selected}
          defaultOpenKeys={['ledger', 'reporting', 'org', 'admin']}
          onClick={({ key }) => {
            navigate(key);
            if (phone) setCollapsed(true);
          }}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: phone ? '0 12px' : '0 20px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Space size={phone ? 'small' : 'middle'}>
            {phone && (
              <Button
                type="text"
                icon={<MenuOutlined />}
                onClick={() => setCollapsed(!collapsed)}
                aria-label={t('menu')}
                data-testid="menu-toggle"
              />
            )}
            {!phone && <Typography.Text type="secondary">{t('currentUnit')}</Typography.Text>}
            <Typography.Text strong data-testid="current-unit">
              {me.unit.name}
            </Typography.Text>
            {!phone && <Tag>{t(`unitLevel.${me.unit.level as UnitLevel}`)}</Tag>}
            {!phone && (
              <Typography.Text type="secondary" className="hide-narrow">
                {t('appTitle')}
              </Typography.Text>
            )}
          </Space>
          <Space size={phone ? 'small' : 'large'}>
            {can('business:read') && !restricted && <AlertBell />}
            <Segmented
              size="small"
              value={lang}
              onChange={(value) => setLang(value as 'zh' | 'en')}
              options={[
                { label: '中文', value: 'zh' },
                { label: 'EN', value: 'en' },
              ]}
              data-testid="lang-switch"
            />
            <Dropdown
              menu={{
                items: [
                  { key: 'password', icon: <KeyOutlined />, label: t('changePassword'), onClick: () => setPasswordOpen(true) },
                  ...(restricted
                    ? []
                    : [{ key: 'totp', icon: <SafetyOutlined />, label: t('totpMenu'), onClick: () => setTotpOpen(true) }]),
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('logout'), onClick: () => void logout() },
                ],
              }}
            >
              <Space style={{ cursor: 'pointer' }} data-testid="user-menu">
                <Avatar size="small" icon={<UserOutlined />} />
                {!phone && <span>{me.user.displayName}</span>}
                {!phone && (
                  <Typography.Text type="secondary">
                    {me.user.roles.map((role) => t(`role.${role}`)).join(t('listSeparator'))}
                  </Typography.Text>
                )}
                <DownOutlined />
              </Space>
            </Dropdown>
          </Space>
        </Header>
        <Content style={{ margin: phone ? 8 : 16 }}>
          {restricted ? null : (
            // a page's code arrives when it is first opened; the shell stays meanwhile
            <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
              <Outlet />
            </Suspense>
          )}
        </Content>
      </Layout>
      <ChangePasswordModal
        open={passwordOpen || me.user.mustChangePassword}
        forced={me.user.mustChangePassword}
        onClose={() => setPasswordOpen(false)}
      />
      <TotpModal
        open={totpOpen || (me.user.needsTotp && !me.user.mustChangePassword)}
        forced={me.user.needsTotp}
        onClose={() => setTotpOpen(false)}
      />
    </Layout>
  );
}

/** 通知中心: unread alerts of the user's scope (refreshed every minute); opens the alert centre. */
function AlertBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const unread = useApi('GET /api/v1/alerts/unread', undefined, { refetchInterval: 60_000 });
  return (
    <Badge count={unread.data?.count ?? 0} overflowCount={999} size="small">
      <Button
        type="text"
        icon={<BellOutlined />}
        onClick={() => navigate('/alerts')}
        aria-label={t('alertCenter')}
        data-testid="alert-bell"
      />
    </Badge>
  );
}
