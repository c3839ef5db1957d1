import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ADMIN_ROLES, BUSINESS_ROLES, ROLE_KEYS, type RoleKey } from '../../shared/roles.ts';
import { download } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { call, urlOf } from '../api/contract.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { formatDateTime, inZone } from '../time.ts';
import { whenValid } from '../forms.ts';

interface User {
  id: string;
  username: string;
  displayName: string;
  unitCode: string;
  unitName: string | null;
  departmentId: string | null;
  departmentName: string | null;
  roles: RoleKey[];
  phone: string | null;
  active: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  version: number;
}

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'roles'; user: User } | { kind: 'password'; user: User };

export function UsersPage() {
  const { t } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [filters, setFilters] = useState<{ unit?: string | undefined; q?: string; role?: RoleKey; active?: string }>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [search, setSearch] = useState('');
  const params = { ...filters, ...page };
  const list = useApi('GET /api/v1/users', { query: params });
  const refresh = () => client.invalidateQueries({ queryKey: ['users'] });
  const action = useMutation({
    mutationFn: ({ user, verb }: { user: User; verb: 'disable' | 'enable' | 'unlock' | 'reset-totp' }) =>
      call(`POST /api/v1/users/:id/${verb}`, { params: { id: user.id } }),
    onSuccess: async () => {
      message.success(t('saved'));
      await refresh();
    },
    onError: (e) => message.error(errorText(e)),
  });

  return (
    <Card
      title={t('users')}
      extra={
        <Space>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download(urlOf('GET /api/v1/users/export', { query: filters })).catch((e) => message.error(errorText(e)))}
          >
            {t('exportExcel')}
          </Button>
          {can('users:write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              {t('addUser')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <UnitSelect allowClear value={filters.unit} onChange={(unit) => setFilters({ ...filters, unit })} />
        <Select
          allowClear
          placeholder={t('roles')}
          style={{ width: 150 }}
          value={filters.role}
          onChange={(role?: RoleKey) => setFilters({ ...filters, ...(role ? { role } : { role: undefined }) })}
          options={ROLE_KEYS.map((role) => ({ value: role, label: t(`role.${role}`) }))}
        />
        <Select
          allowClear
          placeholder={t('status')}
          style={{ width: 110 }}
          value={filters.active}
          onChange={(active?: string) => setFilters({ ...filters, active })}
          options={[
            { value: 'true', label: t('active') },
            { value: 'false', label: t('inactive') },
          ]}
        />
        <Input.Search
          placeholder={t('searchUsers')}
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => setFilters({ ...filters, q: q.trim() })}
          style={{ width: 220 }}
        />
      </Space>
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          data-testid="users-table"
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('total', { n }),
            onChange: (p, size) => setPage({ page: p, pageSize: size }),
          }}
          columns={[
            { title: t('username'), dataIndex: 'username', width: 150 },
            { title: t('displayName'), dataIndex: 'displayName', width: 90 },
            { title: t('unit'), dataIndex: 'unitName', width: 170 },
            { title: t('department'), dataIndex: 'departmentName', width: 170, render: (v: string | null) => v ?? '—' },
            {
              title: t('roles'),
              dataIndex: 'roles',
              render: (roles: RoleKey[]) =>
                roles.length ? (
                  roles.map((role) => (
                    <Tag key={role} color={ADMIN_ROLES.includes(role) ? 'purple' : 'blue'}>
                      {t(`role.${role}`)}
                    </Tag>
                  ))
                ) : (
                  <Tag>{t('noRoles')}</Tag>
                ),
            },
            {
              title: t('status'),
              width: 110,
              render: (_: unknown, user: User) => (
                <Space size={2}>
                  {user.active ? <Tag color="green">{t('active')}</Tag> : <Tag color="red">{t('inactive')}</Tag>}
                  {user.locked && <Tag color="orange">{t('locked')}</Tag>}
                </Space>
              ),
            },
            {
              title: inZone(t('lastLogin')),
              dataIndex: 'lastLoginAt',
              width: 140,
              render: (v: string | null) => (v ? formatDateTime(v) : '—'),
            },
            {
              title: t('actions'),
              width: 250,
              render: (_: unknown, user: User) => {
                const self = user.id === me?.user.id;
                // 三员分立: an administrator account is not reset, disabled or enabled here (the server operator's CLI does it)
                const administrator = user.roles.some((role) => ADMIN_ROLES.includes(role));
                return (
                  <Space size={0} wrap>
                    {can('security:write') && user.locked && (
                      <Button type="link" size="small" onClick={() => action.mutate({ user, verb: 'unlock' })}>
                        {t('unlock')}
                      </Button>
                    )}
                    {can('security:write') && user.totpEnabled && !administrator && (
                      <Popconfirm
                        title={t('confirmResetTotp')}
                        onConfirm={() => action.mutate({ user, verb: 'reset-totp' })}
                        okText={t('yes')}
                        cancelText={t('no')}
                      >
                        <Button type="link" size="small">
                          {t('resetTotp')}
                        </Button>
                      </Popconfirm>
                    )}
                    {can('users:write') && (
                      <>
                        <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user })}>
                          {t('edit')}
                        </Button>
                        {!administrator && !self && (
                          <Button type="link" size="small" onClick={() => setDialog({ kind: 'password', user })}>
                            {t('resetPassword')}
                          </Button>
                        )}
                        {!self &&
                          !administrator &&
                          (user.active ? (
                            <Popconfirm
                              title={t('confirmDisable')}
                              onConfirm={() => action.mutate({ user, verb: 'disable' })}
                              okText={t('yes')}
                              cancelText={t('no')}
                            >
                              <Button type="link" size="small" danger>
                                {t('disable')}
                              </Button>
                            </Popconfirm>
                          ) : (
                            <Button type="link" size="small" onClick={() => action.mutate({ user, verb: 'enable' })}>
                              {t('enable')}
                            </Button>
                          ))}
                      </>
                    )}
                    {can('users:grant') && !self && (
                      <Button type="link" size="small" onClick={() => setDialog({ kind: 'roles', user })}>
                        {t('setRoles')}
                      </Button>
                    )}
                  </Space>
                );
              },
            },
          ]}
        />
      )}
      {dialog?.kind === 'create' && (
        <UserModal
          user={null}
          defaultUnit={filters.unit ?? me?.unit.code}
          onClose={() => setDialog(null)}
          onSaved={async (username) => {
            // Show the account just made, wherever it sorts.
            setDialog(null);
            setSearch(username);
            setFilters({ q: username });
            setPage({ ...page, page: 1 });
            await refresh();
          }}
        />
      )}
      {dialog?.kind === 'edit' && (
        <UserModal
          user={dialog.user}
          onClose={() => setDialog(null)}
          onSaved={async () => {
            setDialog(null);
            await refresh();
          }}
        />
      )}
      {dialog?.kind === 'roles' && (
        <RolesModal
          user={dialog.user}
          onClose={() => setDialog(null)}
          onSaved={async () => {
            setDialog(null);
            await refresh();
          }}
        />
      )}
      {dialog?.kind === 'password' && (
        <ResetPasswordModal
          user={dialog.user}
          onClose={() => setDialog(null)}
          onSaved={async () => {
            setDialog(null);
            await refresh();
          }}
        />
      )}
    </Card>
  );
}

interface UserForm {
  username: string;
  displayName: string;
  password: string;
  unitCode: string;
  departmentId?: string | null;
  phone?: string;
}

function DepartmentSelect({
  unitCode,
  value,
  onChange,
}: {
  unitCode: string | undefined;
  value?: string | null;
  onChange?: (value: string | null) => void;
}) {
  const { t } = useI18n();
  const list = useApi('GET /api/v1/departments', { query: { unit: unitCode, subtree: 'false' } }, { enabled: Boolean(unitCode) });
  return (
    <Select
      allowClear
      placeholder={t('department')}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      loading={list.isLoading}
      options={(list.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
    />
  );
}

function UserModal({
  user,
  defaultUnit,
  onClose,
  onSaved,
}: {
  user: User | null;
  defaultUnit?: string | undefined;
  onClose: () => void;
  onSaved: (username: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserForm>();
  const unitCode = Form.useWatch('unitCode', form);
  const save = useMutation({
    mutationFn: (values: UserForm) =>
      user
        ? call('PATCH /api/v1/users/:id', {
            params: { id: user.id },
            body: {
              version: user.version,
              displayName: values.displayName,
              unitCode: values.unitCode,
              departmentId: values.departmentId ?? null,
              phone: values.phone || null,
            },
          })
        : call('POST /api/v1/users', { body: { ...values, departmentId: values.departmentId ?? null, phone: values.phone || null } }),
    onSuccess: async (_, values) => {
      message.success(t('saved'));
      await onSaved(values.username.trim().toLowerCase());
    },
  });
  return (
    <Modal
      open
      title={user ? t('editUser') : t('addUser')}
      onCancel={onClose}
      onOk={() => whenValid(form, (v) => save.mutate(v))}
      confirmLoading={save.isPending}
      okText={t('save')}
      cancelText={t('cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" autoComplete="off" initialValues={user ? { ...user } : { unitCode: defaultUnit }}>
        <Form.Item
          name="username"
          label={t('username')}
          rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: '3–32: a-z 0-9 _ . -' }]}
        >
          <Input disabled={Boolean(user)} />
        </Form.Item>
        <Form.Item name="displayName" label={t('displayName')} rules={[{ required: true, max: 30 }]}>
          <Input />
        </Form.Item>
        {!user && (
          <Form.Item
            name="password"
            label={t('initialPassword')}
            extra={t('initialPasswordHint')}
            rules={[{ required: true, message: t('passwordRequired') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="unitCode" label={t('unit')} rules={[{ required: true }]}>
          <UnitSelect />
        </Form.Item>
        <Form.Item name="departmentId" label={t('department')}>
          <DepartmentSelect unitCode={unitCode} />
        </Form.Item>
        <Form.Item name="phone" label={t('phone')} rules={[{ max: 20 }]}>
          <Input />
        </Form.Item>
        {save.error && <Alert type="error" showIcon message={errorText(save.error)} />}
      </Form>
    </Modal>
  );
}

function RolesModal({ user, onClose, onSaved }: { user: User; onClose: () => void; onSaved: () => Promise<void> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [roles, setRoles] = useState<RoleKey[]>(user.roles);
  const save = useMutation({
    mutationFn: () => call('PUT /api/v1/users/:id/roles', { params: { id: user.id }, body: { roles, version: user.version } }),
    onSuccess: async () => {
      message.success(t('saved'));
      await onSaved();
    },
  });
  const group = (keys: readonly RoleKey[]) => keys.map((role) => ({ value: role, label: t(`role.${role}`) }));
  return (
    <Modal
      open
      title={`${t('setRoles')} · ${user.displayName}${t('parens', { text: user.username })}`}
      onCancel={onClose}
      onOk={() => save.mutate()}
      confirmLoading={save.isPending}
      okText={t('save')}
      cancelText={t('cancel')}
    >
      <Typography.Paragraph type="secondary">{t('rolesHint')}</Typography.Paragraph>
      <Checkbox.Group value={roles} onChange={(v) => setRoles(v as RoleKey[])} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        <Space wrap>
          {group(BUSINESS_ROLES).map((o) => (
            <Checkbox key={o.value} value={o.value}>
              {o.label}
            </Checkbox>
          ))}
        </Space>
        <Space wrap>
          {group(ADMIN_ROLES).map((o) => (
            <Checkbox key={o.value} value={o.value}>
              {o.label}
            </Checkbox>
          ))}
        </Space>
      </Checkbox.Group>
      {save.error && <Alert style={{ marginTop: 12 }} type="error" showIcon message={errorText(save.error)} />}
    </Modal>
  );
}

function ResetPasswordModal({ user, onClose, onSaved }: { user: User; onClose: () => void; onSaved: () => Promise<void> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const save = useMutation({
    mutationFn: (values: { password: string }) => call('POST /api/v1/users/:id/reset-password', { params: { id: user.id }, body: values }),
    onSuccess: async () => {
      message.success(t('saved'));
      await onSaved();
    },
  });
  return (
    <Modal
      open
      title={`${t('resetPassword')} · ${user.displayName}`}
      onCancel={onClose}
      onOk={() => whenValid(form, (v) => save.mutate(v))}
      confirmLoading={save.isPending}
      okText={t('save')}
      cancelText={t('cancel')}
    >
      <Form form={form} layout="vertical" autoComplete="off">
        <Form.Item
          name="password"
          label={t('initialPassword')}
          extra={t('initialPasswordHint')}
          rules={[{ required: true, message: t('passwordRequired') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {save.error && <Alert type="error" showIcon message={errorText(save.error)} />}
      </Form>
    </Modal>
  );
}
