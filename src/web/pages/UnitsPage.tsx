import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tree,
  Typography,
  type TreeDataNode,
} from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { type DepartmentKind } from '../../shared/departments.ts';
import { childLevelsAllowed, kindsForLevel, type UnitKind, type UnitLevel } from '../../shared/units.ts';
import type { PresentedUnit } from '../../shared/api/units.ts';
import { download } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { call, urlOf } from '../api/contract.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { whenValid } from '../forms.ts';

interface UnitDetail extends PresentedUnit {
  parentName: string | null;
  usage: { children: number; departments: number; users: number };
}

function buildTree(units: PresentedUnit[], rootCode: string): TreeDataNode[] {
  const children = new Map<string, PresentedUnit[]>();
  for (const unit of units) {
    const key = unit.parentCode ?? '';
    children.set(key, [...(children.get(key) ?? []), unit]);
  }
  const toNode = (unit: PresentedUnit): TreeDataNode => ({
    key: unit.code,
    title: unit.level === 'park' || unit.level === 'town' ? `${unit.name}` : unit.name,
    children: (children.get(unit.code) ?? []).map(toNode),
    isLeaf: !children.has(unit.code),
  });
  const root = units.find((unit) => unit.code === rootCode);
  return root ? [toNode(root)] : [];
}

export function UnitsPage() {
  const { t } = useI18n();
  const { me, can } = useSession();
  const params = useParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const selectedCode = params.code ?? me?.unit.code ?? '';
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState<'park' | 'town' | null>(null);
  const [editing, setEditing] = useState(false);

  const list = useApi('GET /api/v1/units');
  const detail = useApi('GET /api/v1/units/:code', { params: { code: selectedCode } }, { enabled: Boolean(selectedCode) });
  const departments = useApi(
    'GET /api/v1/departments',
    { query: { unit: selectedCode, subtree: 'false' } },
    { enabled: Boolean(detail.data) },
  );

  const tree = useMemo(() => {
    if (!list.data) return [];
    const items = search ? list.data.items.filter((u) => u.name.includes(search) || u.code.startsWith(search)) : list.data.items;
    if (!search) return buildTree(items, list.data.rootCode);
    return items.map((u) => ({ key: u.code, title: `${u.name}${t('parens', { text: u.code })}`, isLeaf: true }));
  }, [list.data, search, t]);

  const invalidate = async () => {
    await client.invalidateQueries({ queryKey: ['units'] });
  };
  const remove = useMutation({
    mutationFn: (code: string) => call('DELETE /api/v1/units/:code', { params: { code } }),
    onSuccess: async () => {
      message.success(t('deleted'));
      navigate(`/org/units/${detail.data?.parentCode ?? ''}`);
      await invalidate();
    },
    onError: (e) => message.error(errorText(e)),
  });

  const unit = detail.data;
  const allowedChildren = unit ? childLevelsAllowed(unit.level as UnitLevel) : [];

  return (
    <Row gutter={16}>
      <Col xs={24} lg={8} xl={7}>
        <Card
          title={t('units')}
          size="small"
          extra={
            can('org:export') && (
              <Button
                size="small"
                icon={<DownloadOutlined />}
                onClick={() => download(urlOf('GET /api/v1/units/export')).catch((e) => message.error(errorText(e)))}
              >
                {t('exportExcel')}
              </Button>
            )
          }
        >
          <Input.Search
            placeholder={`${t('name')} / ${t('code')}`}
            allowClear
            onChange={(e) => setSearch(e.target.value.trim())}
            style={{ marginBottom: 8 }}
          />
          {list.error && <QueryError error={list.error} />}
          {tree.length > 0 && (
            <Tree
              key={list.data?.rootCode}
              treeData={tree}
              selectedKeys={[selectedCode]}
              defaultExpandedKeys={[list.data?.rootCode ?? '', selectedCode]}
              onSelect={(keys) => keys[0] && navigate(`/org/units/${String(keys[0])}`)}
              height={620}
              data-testid="unit-tree"
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={16} xl={17}>
        {detail.error ? (
          <QueryError error={detail.error} />
        ) : !unit ? (
          <Card>
            <Empty description={t('selectUnit')} />
          </Card>
        ) : (
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <Card
              title={
                <Space>
                  <span data-testid="unit-title">{unit.name}</span>
                  <Tag color={unit.isReference ? 'blue' : 'green'}>{unit.isReference ? t('referenceUnit') : t('customUnit')}</Tag>
                  {!unit.active && <Tag color="red">{t('inactive')}</Tag>}
                </Space>
              }
              size="small"
              extra={
                can('org:write') && (
                  <Space>
                    {allowedChildren.includes('park') && (
                      <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setCreating('park')}>
                        {t('addPark')}
                      </Button>
                    )}
                    {allowedChildren.includes('town') && (
                      <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating('town')}>
                        {t('addTown')}
                      </Button>
                    )}
                    <Button size="small" onClick={() => setEditing(true)}>
                      {t('edit')}
                    </Button>
                    {can('org:delete') && !unit.isReference && (
                      <Popconfirm
                        title={t('confirmDelete')}
                        onConfirm={() => remove.mutate(unit.code)}
                        okText={t('yes')}
                        cancelText={t('no')}
                      >
                        <Button size="small" danger loading={remove.isPending}>
                          {t('delete')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                )
              }
            >
              <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
                <Descriptions.Item label={t('code')}>{unit.code}</Descriptions.Item>
                <Descriptions.Item label={t('shortName')}>{unit.shortName}</Descriptions.Item>
                <Descriptions.Item label={t('level')}>{t(`unitLevel.${unit.level as UnitLevel}`)}</Descriptions.Item>
                <Descriptions.Item label={t('kind')}>{t(`unitKind.${unit.kind as UnitKind}`)}</Descriptions.Item>
                <Descriptions.Item label={t('parentUnit')}>{unit.parentName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('subUnits')}>{unit.usage.children}</Descriptions.Item>
                <Descriptions.Item label={t('departmentCount')}>{unit.usage.departments}</Descriptions.Item>
                <Descriptions.Item label={t('userCount')}>{unit.usage.users}</Descriptions.Item>
              </Descriptions>
            </Card>
            <Card
              title={t('departments')}
              size="small"
              extra={
                <Button size="small" onClick={() => navigate(`/org/departments?unit=${unit.code}`)}>
                  {t('departments')} →
                </Button>
              }
            >
              <Table
                size="small"
                rowKey="id"
                loading={departments.isLoading}
                dataSource={departments.data?.items ?? []}
                pagination={false}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
                columns={[
                  { title: t('departmentName'), dataIndex: 'name' },
                  { title: t('kind'), dataIndex: 'kind', render: (kind: string) => t(`departmentKind.${kind as DepartmentKind}`) },
                  { title: t('contactName'), dataIndex: 'contactName' },
                  { title: t('contactPhone'), dataIndex: 'contactPhone' },
                  { title: t('userCount'), dataIndex: 'users', width: 80 },
                ]}
              />
            </Card>
          </Space>
        )}
      </Col>
      {unit && creating && (
        <CreateUnitModal
          parent={unit}
          level={creating}
          onClose={() => setCreating(null)}
          onCreated={async (code) => {
            setCreating(null);
            await invalidate();
            navigate(`/org/units/${code}`);
          }}
        />
      )}
      {unit && editing && (
        <EditUnitModal
          unit={unit}
          onClose={() => setEditing(false)}
          onSaved={async () => {
            setEditing(false);
            await invalidate();
          }}
        />
      )}
    </Row>
  );
}

function CreateUnitModal({
  parent,
  level,
  onClose,
  onCreated,
}: {
  parent: UnitDetail;
  level: 'park' | 'town';
  onClose: () => void;
  onCreated: (code: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; shortName?: string; kind: string; code?: string }>();
  const create = useMutation({
    mutationFn: (values: { name: string; shortName?: string; kind: string; code?: string }) =>
      call('POST /api/v1/units', {
        body: {
          ...values,
          code: values.code || undefined,
          shortName: values.shortName || undefined,
          parentCode: parent.code,
          level,
        },
      }),
    onSuccess: async (created) => {
      message.success(t('saved'));
      await onCreated(created.code);
    },
  });
  return (
    <Modal
      open
      title={`${level === 'park' ? t('addPark') : t('addTown')} · ${parent.name}`}
      onCancel={onClose}
      onOk={() => whenValid(form, (v) => create.mutate(v))}
      confirmLoading={create.isPending}
      okText={t('save')}
      cancelText={t('cancel')}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: kindsForLevel(level)[0] }}>
        <Form.Item name="name" label={t('name')} rules={[{ required: true, min: 2, max: 60 }]}>
          <Input placeholder={t(level === 'park' ? 'parkNameExample' : 'townNameExample')} />
        </Form.Item>
        <Form.Item name="shortName" label={t('shortName')} rules={[{ max: 30 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
          <Select options={kindsForLevel(level).map((kind) => ({ value: kind, label: t(`unitKind.${kind}`) }))} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('code')}
          extra={t('codeAuto')}
          rules={[{ pattern: new RegExp(`^${parent.code}\\d{3}$`), message: t('codeAuto') }]}
        >
          <Input placeholder={`${parent.code}901`} />
        </Form.Item>
        {create.error && (
          <Typography.Text type="danger" role="alert">
            {errorText(create.error)}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}

function EditUnitModal({ unit, onClose, onSaved }: { unit: UnitDetail; onClose: () => void; onSaved: () => Promise<void> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; shortName: string; kind: string; active: boolean }>();
  const save = useMutation({
    mutationFn: (values: { name: string; shortName: string; kind: string; active: boolean }) =>
      call('PATCH /api/v1/units/:code', {
        params: { code: unit.code },
        body: unit.isReference ? { version: unit.version, shortName: values.shortName } : { version: unit.version, ...values },
      }),
    onSuccess: async () => {
      message.success(t('saved'));
      await onSaved();
    },
  });
  return (
    <Modal
      open
      title={`${t('edit')} · ${unit.name}`}
      onCancel={onClose}
      onOk={() => whenValid(form, (v) => save.mutate(v))}
      confirmLoading={save.isPending}
      okText={t('save')}
      cancelText={t('cancel')}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: unit.name, shortName: unit.shortName, kind: unit.kind, active: unit.active }}
      >
        <Form.Item name="name" label={t('name')} rules={[{ required: true, min: 2, max: 60 }]}>
          <Input disabled={unit.isReference} />
        </Form.Item>
        <Form.Item name="shortName" label={t('shortName')} rules={[{ required: true, max: 30 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('kind')}>
          <Select
            disabled={unit.isReference}
            options={kindsForLevel(unit.level as UnitLevel).map((kind) => ({ value: kind, label: t(`unitKind.${kind}`) }))}
          />
        </Form.Item>
        <Form.Item name="active" label={t('status')} valuePropName="checked">
          <Switch disabled={unit.isReference} checkedChildren={t('active')} unCheckedChildren={t('inactive')} />
        </Form.Item>
        {save.error && (
          <Typography.Text type="danger" role="alert">
            {errorText(save.error)}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}
