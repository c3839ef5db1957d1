import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { DEPARTMENT_KINDS, type DepartmentKind } from '../../shared/departments.ts';
import { download } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { call, urlOf } from '../api/contract.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { whenValid } from '../forms.ts';

interface Department {
  id: string;
  unitCode: string;
  unitName: string;
  name: string;
  kind: DepartmentKind;
  contactName: string | null;
  contactPhone: string | null;
  active: boolean;
  version: number;
  users: number | null;
}

export function DepartmentsPage() {
  const { t } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();
  const unit = searchParams.get('unit') ?? me?.unit.code ?? '';
  const subtree = searchParams.get('subtree') !== 'false';
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const params = { unit, subtree: String(subtree), q: q || undefined, includeInactive: 'true' };
  const list = useApi('GET /api/v1/departments', { query: params });
  const remove = useMutation({
    mutationFn: (id: string) => call('DELETE /api/v1/departments/:id', { params: { id } }),
    onSuccess: async () => {
      message.success(t('deleted'));
      await client.invalidateQueries({ queryKey: ['departments'] });
    },
    onError: (e) => message.error(errorText(e)),
  });

  return (
    <Card
      title={t('departments')}
      extra={
        <Space>
          {can('org:export') && (
            <Button
              icon={<DownloadOutlined />}
              onClick={() => download(urlOf('GET /api/v1/departments/export', { query: params })).catch((e) => message.error(errorText(e)))}
            >
              {t('exportExcel')}
            </Button>
          )}
          {can('org:write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('addDepartment')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <UnitSelect value={unit} onChange={(v) => setSearchParams({ unit: v ?? '', subtree: String(subtree) })} />
        <Checkbox checked={subtree} onChange={(e) => setSearchParams({ unit, subtree: String(e.target.checked) })}>
          {t('includeSubunits')}
        </Checkbox>
        <Input.Search placeholder={t('departmentName')} allowClear onSearch={(v) => setQ(v.trim())} style={{ width: 220 }} />
      </Space>
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (n) => t('total', { n }) }}
          data-testid="departments-table"
          columns={[
            { title: t('unit'), dataIndex: 'unitName', width: 180 },
            {
              title: t('departmentName'),
              dataIndex: 'name',
              render: (name: string, row) => (row.active ? name : <Typography.Text delete>{name}</Typography.Text>),
            },
            {
              title: t('kind'),
              dataIndex: 'kind',
              width: 180,
              render: (kind: DepartmentKind) => <Tag>{t(`departmentKind.${kind}`)}</Tag>,
            },
            { title: t('contactName'), dataIndex: 'contactName', width: 100 },
            { title: t('contactPhone'), dataIndex: 'contactPhone', width: 130 },
            { title: t('userCount'), dataIndex: 'users', width: 70 },
            ...(can('org:write')
              ? [
                  {
                    title: t('actions'),
                    width: 130,
                    render: (_: unknown, row: Department) => (
                      <Space size="small">
                        <Button type="link" size="small" onClick={() => setEditing(row)}>
                          {t('edit')}
                        </Button>
                        {can('org:delete') && (
                          <Popconfirm
                            title={t('confirmDelete')}
                            onConfirm={() => remove.mutate(row.id)}
                            okText={t('yes')}
                            cancelText={t('no')}
                          >
                            <Button type="link" size="small" danger>
                              {t('delete')}
                            </Button>
                          </Popconfirm>
                        )}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {editing && (
        <DepartmentModal
          department={editing === 'new' ? null : editing}
          defaultUnit={unit}
          onClose={() => setEditing(null)}
          onSaved={async () => {
            setEditing(null);
            await client.invalidateQueries({ queryKey: ['departments'] });
          }}
        />
      )}
    </Card>
  );
}

interface DepartmentForm {
  unitCode: string;
  name: string;
  kind: DepartmentKind;
  contactName?: string;
  contactPhone?: string;
  active: boolean;
}

function DepartmentModal({
  department,
  defaultUnit,
  onClose,
  onSaved,
}: {
  department: Department | null;
  defaultUnit: string;
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<DepartmentForm>();
  const save = useMutation({
    mutationFn: (values: DepartmentForm) =>
      department
        ? call('PATCH /api/v1/departments/:id', {
            params: { id: department.id },
            body: {
              version: department.version,
              name: values.name,
              kind: values.kind,
              contactName: values.contactName ?? null,
              contactPhone: values.contactPhone ?? null,
              active: values.active,
            },
          })
        : call('POST /api/v1/departments', {
            body: {
              unitCode: values.unitCode,
              name: values.name,
              kind: values.kind,
              contactName: values.contactName || null,
              contactPhone: values.contactPhone || null,
            },
          }),
    onSuccess: async () => {
      message.success(t('saved'));
      await onSaved();
    },
  });
  return (
    <Modal
      open
      title={department ? t('editDepartment') : t('addDepartment')}
      onCancel={onClose}
      onOk={() => whenValid(form, (v) => save.mutate(v))}
      confirmLoading={save.isPending}
      okText={t('save')}
      cancelText={t('cancel')}
    >
      <Form form={form} layout="vertical" initialValues={department ?? { unitCode: defaultUnit, kind: 'natural_resources', active: true }}>
        <Form.Item name="unitCode" label={t('unit')} rules={[{ required: true }]}>
          {department ? <Input disabled value={department.unitName} /> : <UnitSelect />}
        </Form.Item>
        <Form.Item name="name" label={t('departmentName')} rules={[{ required: true, min: 2, max: 60 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={DEPARTMENT_KINDS.map((kind) => ({ value: kind, label: t(`departmentKind.${kind}`) }))}
          />
        </Form.Item>
        <Form.Item name="contactName" label={t('contactName')} rules={[{ max: 30 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('contactPhone')} rules={[{ pattern: /^[0-9+\-() ]{5,20}$/, message: t('phoneFormat') }]}>
          <Input />
        </Form.Item>
        {department && (
          <Form.Item name="active" label={t('status')} valuePropName="checked">
            <Switch checkedChildren={t('active')} unCheckedChildren={t('inactive')} />
          </Form.Item>
        )}
        {save.error && (
          <Typography.Text type="danger" role="alert">
            {errorText(save.error)}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}
