import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  BLOCKER_STATUS_LABELS,
  BLOCKER_TYPE_LABELS,
  BLOCKER_TYPES,
  type BlockerStatus,
  type BlockerType,
} from '../../shared/blockers/rules.ts';
import type { BlockerDetail as Detail, PresentedBlocker } from '../../shared/api/blockers.ts';
import { download } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { call, urlOf } from '../api/contract.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n.tsx';
import { beijingTime, useQueryParams } from '../reporting.ts';
import { useSession } from '../session.tsx';
import { todayDay } from '../time.ts';

const STATUS_COLORS: Record<BlockerStatus, string> = { open: 'red', in_progress: 'orange', resolved: 'blue', closed: 'green' };
const NOTE_LABELS: Record<string, { zh: string; en: string }> = {
  raise: { zh: '提出问题', en: 'Raised' },
  note: { zh: '办理进展', en: 'Progress' },
  resolve: { zh: '部门办结', en: 'Resolved' },
  confirm: { zh: '确认销号', en: 'Confirmed and closed' },
  reopen: { zh: '退回重办', en: 'Reopened' },
  edit: { zh: '修改', en: 'Edited' },
};

/** The blockers of a list, with status, departments, deadline (red when overdue) and 要素保障 mark; a click opens the detail. */
export function BlockerTable({
  items,
  loading,
  onOpen,
  showProject = true,
}: {
  items: PresentedBlocker[];
  loading?: boolean;
  onOpen: (id: number) => void;
  showProject?: boolean;
}) {
  const { t, l } = useI18n();
  return (
    <Table<PresentedBlocker>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={{ pageSize: 20, showSizeChanger: false }}
      data-testid="blockers-table"
      onRow={(row) => ({ onClick: () => onOpen(row.id), style: { cursor: 'pointer' } })}
      columns={[
        ...(showProject
          ? [
              {
                title: t('projects'),
                width: 200,
                render: (_: unknown, row: PresentedBlocker) => (
                  <Link to={`/projects/${row.project.code}`} onClick={(e) => e.stopPropagation()}>
                    {row.project.name}
                  </Link>
                ),
              },
            ]
          : []),
        { title: l({ zh: '类型', en: 'Type' }), width: 90, render: (_, row) => l(BLOCKER_TYPE_LABELS[row.type as BlockerType]) },
        {
          title: l({ zh: '问题', en: 'Blocker' }),
          render: (_, row) => <Typography.Text data-testid="blocker-description">{row.description}</Typography.Text>,
        },
        { title: l({ zh: '责任部门', en: 'Departments' }), width: 180, render: (_, row) => row.departments.map((d) => d.name).join('、') },
        {
          title: l({ zh: '办结时限', en: 'Deadline' }),
          width: 130,
          render: (_, row) =>
            row.overdueDays ? (
              <Typography.Text type="danger">
                {row.deadline}（{l({ zh: `逾期${row.overdueDays}天`, en: `${row.overdueDays} d late` })}）
              </Typography.Text>
            ) : (
              (row.deadline ?? '—')
            ),
        },
        {
          title: t('status'),
          width: 130,
          render: (_, row) => (
            <Space size={4} wrap>
              <Tag color={STATUS_COLORS[row.status]} data-testid="blocker-status">
                {l(BLOCKER_STATUS_LABELS[row.status])}
              </Tag>
              {row.escalated && <Tag color="purple">{l({ zh: '要素保障', en: 'Escalated' })}</Tag>}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** 问题清单: raise, follow and close blockers (对账销号); the department's desk; counts per department; the 要素保障 list. */
export function BlockersPage() {
  const { t, l } = useI18n();
  const { me } = useSession();
  const [params, set] = useQueryParams();
  const isLiaison = Boolean(me?.user.roles.includes('liaison'));
  const tab = params.get('tab') ?? (isLiaison ? 'mine' : 'all');
  const unit = params.get('unit') ?? undefined;
  const status = params.get('status') ?? 'open,in_progress,resolved';
  const [open, setOpen] = useState<number | null>(null);
  const [raising, setRaising] = useState(false);
  const list = useApi(
    'GET /api/v1/blockers',
    {
      query:
        tab === 'mine'
          ? { department: 'mine', status }
          : tab === 'escalated'
            ? { unit, escalated: 'true', status: 'open,in_progress,resolved' }
            : { unit, status },
    },
    { enabled: tab !== 'departments' },
  );
  const byDepartment = useApi('GET /api/v1/blockers/by-department', { query: { unit } }, { enabled: tab === 'departments' });
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const statusFilter = (
    <Select
      style={{ width: 220 }}
      value={status}
      onChange={(v: string) => set('status', v)}
      options={[
        { value: 'open,in_progress,resolved', label: l({ zh: '未销号', en: 'Not closed' }) },
        { value: 'open,in_progress', label: l({ zh: '待办、办理中', en: 'Open, in progress' }) },
        { value: 'resolved', label: l({ zh: '已办结待确认', en: 'Resolved, awaiting confirmation' }) },
        { value: 'closed', label: l({ zh: '已销号', en: 'Closed' }) },
        { value: 'open,in_progress,resolved,closed', label: l({ zh: '全部', en: 'All' }) },
      ]}
    />
  );
  return (
    <Card
      title={l({ zh: '问题清单（对账销号）', en: 'Blockers' })}
      extra={
        <Space wrap>
          {tab !== 'mine' && (
            <UnitSelect value={unit} onChange={(v) => set('unit', v)} allowClear placeholder={t('units')} style={{ width: 200 }} />
          )}
          {tab !== 'departments' && statusFilter}
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)} data-testid="raise-blocker">
            {l({ zh: '提出问题', en: 'Raise a blocker' })}
          </Button>
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => set('tab', key)}
        items={[
          ...(me?.user.roles.includes('liaison') ? [{ key: 'mine', label: l({ zh: '本部门待办', en: 'My department' }) }] : []),
          { key: 'all', label: l({ zh: '全部问题', en: 'All' }) },
          { key: 'departments', label: l({ zh: '按部门统计', en: 'By department' }) },
          { key: 'escalated', label: l({ zh: '要素保障清单', en: 'Escalated' }) },
        ]}
      />
      {tab === 'departments' ? (
        <Table
          rowKey="id"
          loading={byDepartment.isLoading}
          dataSource={byDepartment.data?.items ?? []}
          pagination={false}
          data-testid="department-counts"
          columns={[
            { title: l({ zh: '部门', en: 'Department' }), render: (_: unknown, r: { name: string; unitName: string }) => r.name },
            { title: l(BLOCKER_STATUS_LABELS.open), dataIndex: 'open', align: 'right' as const },
            { title: l(BLOCKER_STATUS_LABELS.in_progress), dataIndex: 'inProgress', align: 'right' as const },
            { title: l(BLOCKER_STATUS_LABELS.resolved), dataIndex: 'resolved', align: 'right' as const },
            { title: l(BLOCKER_STATUS_LABELS.closed), dataIndex: 'closed', align: 'right' as const },
            {
              title: l({ zh: '逾期', en: 'Overdue' }),
              dataIndex: 'overdue',
              align: 'right' as const,
              render: (v: number) =>
                v ? (
                  <Typography.Text type="danger" strong>
                    {v}
                  </Typography.Text>
                ) : (
                  0
                ),
            },
          ]}
        />
      ) : (
        <BlockerTable items={list.data?.items ?? []} loading={list.isLoading} onOpen={setOpen} />
      )}
      {open !== null && <BlockerDrawer id={open} onClose={() => setOpen(null)} />}
      {raising && <RaiseBlockerModal onClose={() => setRaising(false)} />}
    </Card>
  );
}

interface RaiseValues {
  project: string;
  type: BlockerType;
  description: string;
  departmentIds: string[];
  responsiblePerson?: string;
  coordinatingLeader?: string;
  deadline?: dayjs.Dayjs;
}

/** Raise a blocker on a project (picked by name or code, or given), with departments of its unit or above. */
export function RaiseBlockerModal({ projectCode, meetingId, onClose }: { projectCode?: string; meetingId?: number; onClose: () => void }) {
  const { l } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<RaiseValues>();
  const [search, setSearch] = useState('');
  const picked = Form.useWatch('project', form) ?? projectCode;
  const found = useApi('GET /api/v1/projects', { query: { q: search, pageSize: 20 } }, { enabled: !projectCode && search.length >= 2 });
  const departmentOptions = useApi('GET /api/v1/blockers/departments', { query: { project: picked } }, { enabled: Boolean(picked) });
  const raise = useMutation({
    mutationFn: (values: RaiseValues) =>
      call('POST /api/v1/blockers', {
        body: {
          projectCode: projectCode ?? values.project,
          type: values.type,
          description: values.description,
          departmentIds: values.departmentIds,
          responsiblePerson: values.responsiblePerson ?? null,
          coordinatingLeader: values.coordinatingLeader ?? null,
          deadline: values.deadline?.format('YYYY-MM-DD') ?? null,
          meetingId: meetingId ?? null,
        },
      }),
    onSuccess: async () => {
      message.success(l({ zh: '问题已提出', en: 'Blocker raised' }));
      await client.invalidateQueries({ queryKey: ['blockers'] });
      onClose();
    },
    onError: (error) => message.error(errorText(error)),
  });
  return (
    <Modal
      title={l({ zh: '提出问题', en: 'Raise a blocker' })}
      open
      width={640}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={raise.isPending}
      okButtonProps={{ 'data-testid': 'blocker-save' } as never}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ type: 'land', deadline: todayDay().add(30, 'day') }}
        onFinish={(values) => raise.mutate(values)}
      >
        {!projectCode && (
          <Form.Item name="project" label={l({ zh: '项目', en: 'Project' })} rules={[{ required: true }]}>
            <Select
              showSearch
              filterOption={false}
              onSearch={setSearch}
              placeholder={l({ zh: '输入项目名称搜索', en: 'Type to search projects' })}
              options={(found.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.name}（${p.unitName}）` }))}
              data-testid="blocker-project"
            />
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item name="type" label={l({ zh: '类型', en: 'Type' })} rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              options={BLOCKER_TYPES.map((type) => ({ value: type, label: l(BLOCKER_TYPE_LABELS[type]) }))}
              data-testid="blocker-type"
            />
          </Form.Item>
          <Form.Item name="deadline" label={l({ zh: '办结时限', en: 'Deadline' })}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={l({ zh: '问题描述', en: 'Description' })} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="blocker-description-input" />
        </Form.Item>
        <Form.Item
          name="departmentIds"
          label={l({ zh: '责任部门', en: 'Responsible departments' })}
          rules={[{ required: true, type: 'array', min: 1 }]}
        >
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            loading={departmentOptions.isLoading}
            options={(departmentOptions.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
            data-testid="blocker-departments"
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="responsiblePerson" label={l({ zh: '责任人', en: 'Person in charge' })}>
            <Input style={{ width: 180 }} maxLength={40} />
          </Form.Item>
          <Form.Item name="coordinatingLeader" label={l({ zh: '协调领导', en: 'Coordinating leader' })}>
            <Input style={{ width: 180 }} maxLength={40} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** A blocker's facts and history, with the next step for whoever opens it: a progress note, 办结, 确认销号 or 退回重办. */
export function BlockerDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { l } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const detail = useApi('GET /api/v1/blockers/:id', { params: { id } });
  const [textValue, setText] = useState('');
  const [files, setFiles] = useState<string[]>([]);
  const projectFiles = useApi(
    'GET /api/v1/projects/:code',
    { params: { code: detail.data?.project.code } },
    { enabled: Boolean(detail.data) },
  );
  const act = useMutation({
    mutationFn: (body: Record<string, unknown>) => call('POST /api/v1/blockers/:id/actions', { params: { id }, body }),
    onSuccess: async () => {
      setText('');
      setFiles([]);
      message.success(l({ zh: '已保存', en: 'Saved' }));
      await client.invalidateQueries({ queryKey: ['blockers'] });
    },
    onError: (error) => message.error(errorText(error)),
  });
  const b = detail.data;
  const pending = b?.status === 'open' || b?.status === 'in_progress';
  const allowed = (action: Detail['actions'][number]) => Boolean(b?.actions.includes(action));
  return (
    <Drawer title={l({ zh: '问题详情', en: 'Blocker' })} width={620} open onClose={onClose} data-testid="blocker-drawer">
      {b && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={l({ zh: '项目', en: 'Project' })}>
              <Link to={`/projects/${b.project.code}`}>{b.project.name}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={l({ zh: '问题', en: 'Blocker' })}>
              <Tag>{l(BLOCKER_TYPE_LABELS[b.type as BlockerType])}</Tag>
              {b.description}
            </Descriptions.Item>
            <Descriptions.Item label={l({ zh: '责任部门', en: 'Departments' })}>
              {b.departments.map((d) => d.name).join('、')}
            </Descriptions.Item>
            <Descriptions.Item
              label={l({ zh: '责任人 / 协调领导', en: 'Person / leader' })}
            >{`${b.responsiblePerson ?? '—'} / ${b.coordinatingLeader ?? '—'}`}</Descriptions.Item>
            <Descriptions.Item label={l({ zh: '办结时限', en: 'Deadline' })}>
              {b.overdueDays ? (
                <Typography.Text type="danger">
                  {b.deadline}（{l({ zh: `逾期${b.overdueDays}天`, en: `${b.overdueDays} d late` })}）
                </Typography.Text>
              ) : (
                (b.deadline ?? '—')
              )}
            </Descriptions.Item>
            <Descriptions.Item label={l({ zh: '状态', en: 'Status' })}>
              <Tag color={STATUS_COLORS[b.status]} data-testid="drawer-status">
                {l(BLOCKER_STATUS_LABELS[b.status])}
              </Tag>
              {b.escalated && <Tag color="purple">{l({ zh: '要素保障', en: 'Escalated' })}</Tag>}
            </Descriptions.Item>
            {b.resolution && <Descriptions.Item label={l({ zh: '办结情况', en: 'Resolution' })}>{b.resolution}</Descriptions.Item>}
          </Descriptions>
          <Timeline
            style={{ marginTop: 16 }}
            items={b.notes.map((n) => ({
              color: n.kind === 'confirm' ? 'green' : n.kind === 'reopen' ? 'red' : n.kind === 'resolve' ? 'blue' : 'gray',
              children: (
                <div>
                  <Typography.Text strong>{l(NOTE_LABELS[n.kind] ?? { zh: n.kind, en: n.kind })}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{`${n.byName} · ${beijingTime(n.at)}`}</Typography.Text>
                  {n.text && <div>{n.text}</div>}
                  {n.attachments.map((a) => (
                    <div key={a.id}>
                      <a
                        onClick={() =>
                          void download(urlOf('GET /api/v1/projects/:code/attachments/:id', { params: { code: b.project.code, id: a.id } }))
                        }
                      >
                        📎 {a.filename}
                      </a>
                    </div>
                  ))}
                </div>
              ),
            }))}
          />
          {b.actions.some((a) => a !== 'edit') && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input.TextArea
                value={textValue}
                onChange={(e) => setText(e.target.value)}
                autoSize={{ minRows: 2 }}
                placeholder={
                  pending
                    ? l({ zh: '办理进展或办结情况', en: 'Progress or resolution' })
                    : l({ zh: '确认意见或退回原因', en: 'Confirmation or reason to reopen' })
                }
                data-testid="blocker-text"
              />
              <Space wrap>
                {allowed('note') && (
                  <Select
                    mode="multiple"
                    style={{ minWidth: 200 }}
                    placeholder={l({ zh: '附件（项目已上传的）', en: 'Attachments (the project’s)' })}
                    value={files}
                    onChange={setFiles}
                    options={(projectFiles.data?.attachments ?? []).map((a) => ({ value: a.id, label: a.filename }))}
                  />
                )}
                {allowed('note') && (
                  <Button
                    disabled={!textValue.trim()}
                    onClick={() => act.mutate({ action: 'note', text: textValue, attachmentIds: files })}
                    data-testid="blocker-note"
                  >
                    {l({ zh: '记录进展', en: 'Add progress' })}
                  </Button>
                )}
                {pending && allowed('resolve') && (
                  <Button
                    type="primary"
                    disabled={!textValue.trim()}
                    onClick={() => act.mutate({ action: 'resolve', version: b.version, resolution: textValue, attachmentIds: files })}
                    data-testid="blocker-resolve"
                  >
                    {l({ zh: '办结', en: 'Resolve' })}
                  </Button>
                )}
                {b.status === 'resolved' && allowed('confirm') && (
                  <>
                    <Button
                      type="primary"
                      onClick={() =>
                        act.mutate({ action: 'confirm', version: b.version, ...(textValue.trim() ? { text: textValue } : {}) })
                      }
                      data-testid="blocker-confirm"
                    >
                      {l({ zh: '确认销号', en: 'Confirm and close' })}
                    </Button>
                    <Button
                      danger
                      disabled={!textValue.trim()}
                      onClick={() => act.mutate({ action: 'reopen', version: b.version, reason: textValue })}
                      data-testid="blocker-reopen"
                    >
                      {l({ zh: '退回重办', en: 'Reopen' })}
                    </Button>
                  </>
                )}
              </Space>
            </Space>
          )}
        </Space>
      )}
    </Drawer>
  );
}

/** A project's blockers, with the way to raise one. */
export function ProjectBlockers({ code }: { code: string }) {
  const { l } = useI18n();
  const list = useApi('GET /api/v1/blockers', { query: { project: code, status: 'open,in_progress,resolved,closed' } });
  const [open, setOpen] = useState<number | null>(null);
  const [raising, setRaising] = useState(false);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)} data-testid="raise-project-blocker">
        {l({ zh: '提出问题', en: 'Raise a blocker' })}
      </Button>
      <BlockerTable items={list.data?.items ?? []} loading={list.isLoading} onOpen={setOpen} showProject={false} />
      {open !== null && <BlockerDrawer id={open} onClose={() => setOpen(null)} />}
      {raising && <RaiseBlockerModal projectCode={code} onClose={() => setRaising(false)} />}
    </Space>
  );
}
