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
import { BLOCKER_TYPES, type BlockerStatus, type BlockerType } from '../../shared/blockers/rules.ts';
import type { BlockerDetail as Detail, PresentedBlocker } from '../../shared/api/blockers.ts';
import { download } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { call, urlOf } from '../api/contract.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { ExportButton } from '../components/ExportButton.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import { beijingTime, useQueryParams } from '../reporting.ts';
import { useSession } from '../session.tsx';
import { todayDay } from '../time.ts';

const STATUS_COLORS: Record<BlockerStatus, string> = { open: 'red', in_progress: 'orange', resolved: 'blue', closed: 'green' };

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
  const { t } = useI18n();
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
        { title: t('fieldType'), width: 90, render: (_, row) => t(`blockerType.${row.type as BlockerType}`) },
        {
          title: t('blocker'),
          render: (_, row) => <Typography.Text data-testid="blocker-description">{row.description}</Typography.Text>,
        },
        { title: t('blockersDepartments'), width: 180, render: (_, row) => row.departments.map((d) => d.name).join(t('listSeparator')) },
        {
          title: t('blockersDeadline'),
          width: 130,
          render: (_, row) =>
            row.overdueDays ? (
              <Typography.Text type="danger">
                {row.deadline}
                {t('parens', { text: t('dLate', { overdueDays: row.overdueDays }) })}
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
                {t(`blockerStatus.${row.status}`)}
              </Tag>
              {row.escalated && <Tag color="purple">{t('escalated')}</Tag>}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** 问题清单: raise, follow and close blockers (对账销号); the department's desk; counts per department; the 要素保障 list. */
export function BlockersPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const [params, set] = useQueryParams();
  const isLiaison = Boolean(me?.user.roles.includes('liaison'));
  const tab = params.get('tab') ?? (isLiaison ? 'mine' : 'all');
  const unit = params.get('unit') ?? undefined;
  const status = params.get('status') ?? 'open,in_progress,resolved';
  // ?blocker=ID (a to-do on the desk) opens that blocker
  const [open, setOpen] = useState<number | null>(Number(params.get('blocker')) || null);
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
        { value: 'open,in_progress,resolved', label: t('notClosed') },
        { value: 'open,in_progress', label: t('openInProgress') },
        { value: 'resolved', label: t('resolvedAwaitingConfirmation') },
        { value: 'closed', label: t('closed') },
        { value: 'open,in_progress,resolved,closed', label: t('allSubmissions') },
      ]}
    />
  );
  return (
    <Card
      title={t('blockersBlockers')}
      extra={
        <Space wrap>
          {tab !== 'mine' && (
            <UnitSelect value={unit} onChange={(v) => set('unit', v)} allowClear placeholder={t('units')} style={{ width: 200 }} />
          )}
          {tab !== 'departments' && statusFilter}
          {tab !== 'departments' && (
            <ExportButton
              url={urlOf('GET /api/v1/blockers/export', {
                query:
                  tab === 'mine' ? { department: 'mine', status } : tab === 'escalated' ? { unit, escalated: 'true' } : { unit, status },
              })}
            />
          )}
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)} data-testid="raise-blocker">
            {t('raiseABlocker')}
          </Button>
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => set('tab', key)}
        items={[
          ...(me?.user.roles.includes('liaison') ? [{ key: 'mine', label: t('myDepartment') }] : []),
          { key: 'all', label: t('blockersAll') },
          { key: 'departments', label: t('byDepartment') },
          { key: 'escalated', label: t('blockersEscalated') },
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
            { title: t('department'), render: (_: unknown, r: { name: string; unitName: string }) => r.name },
            { title: t('blockerStatus.open'), dataIndex: 'open', align: 'right' as const },
            { title: t('blockerStatus.in_progress'), dataIndex: 'inProgress', align: 'right' as const },
            { title: t('blockerStatus.resolved'), dataIndex: 'resolved', align: 'right' as const },
            { title: t('blockerStatus.closed'), dataIndex: 'closed', align: 'right' as const },
            {
              title: t('overdue'),
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
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<RaiseValues>();
  const [search, setSearch] = useState('');
  const picked = Form.useWatch('project', form) ?? projectCode;
  const found = useApi(
    'GET /api/v1/projects',
    { query: { q: search, pageSize: 20, fields: 'name,unitName' } },
    { enabled: !projectCode && search.length >= 2 },
  );
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
      message.success(t('blockerRaised'));
      await client.invalidateQueries({ queryKey: ['blockers'] });
      onClose();
    },
    onError: (error) => message.error(errorText(error)),
  });
  return (
    <Modal
      title={t('raiseABlocker')}
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
          <Form.Item name="project" label={t('project')} rules={[{ required: true }]}>
            <Select
              showSearch
              filterOption={false}
              onSearch={setSearch}
              placeholder={t('typeToSearchProjects')}
              options={(found.data?.items ?? []).map((p) => ({
                value: p.code,
                label: `${p.name ?? p.code}${t('parens', { text: p.unitName ?? '' })}`,
              }))}
              data-testid="blocker-project"
            />
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item name="type" label={t('fieldType')} rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              options={BLOCKER_TYPES.map((type) => ({ value: type, label: t(`blockerType.${type}`) }))}
              data-testid="blocker-type"
            />
          </Form.Item>
          <Form.Item name="deadline" label={t('blockersDeadline')}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={t('description')} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="blocker-description-input" />
        </Form.Item>
        <Form.Item name="departmentIds" label={t('responsibleDepartments')} rules={[{ required: true, type: 'array', min: 1 }]}>
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
          <Form.Item name="responsiblePerson" label={t('personInCharge')}>
            <Input style={{ width: 180 }} maxLength={40} />
          </Form.Item>
          <Form.Item name="coordinatingLeader" label={t('coordinatingLeader')}>
            <Input style={{ width: 180 }} maxLength={40} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** A blocker's facts and history, with the next step for whoever opens it: a progress note, 办结, 确认销号 or 退回重办. */
export function BlockerDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t, tCode } = useI18n();
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
      message.success(t('saved'));
      await client.invalidateQueries({ queryKey: ['blockers'] });
    },
    onError: (error) => message.error(errorText(error)),
  });
  const b = detail.data;
  const pending = b?.status === 'open' || b?.status === 'in_progress';
  const allowed = (action: Detail['actions'][number]) => Boolean(b?.actions.includes(action));
  return (
    <Drawer title={t('blockersBlocker')} width={620} open onClose={onClose} data-testid="blocker-drawer">
      {b && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('project')}>
              <Link to={`/projects/${b.project.code}`}>{b.project.name}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('blocker')}>
              <Tag>{t(`blockerType.${b.type as BlockerType}`)}</Tag>
              {b.description}
            </Descriptions.Item>
            <Descriptions.Item label={t('blockersDepartments')}>
              {b.departments.map((d) => d.name).join(t('listSeparator'))}
            </Descriptions.Item>
            <Descriptions.Item
              label={t('personLeader')}
            >{`${b.responsiblePerson ?? '—'} / ${b.coordinatingLeader ?? '—'}`}</Descriptions.Item>
            <Descriptions.Item label={t('blockersDeadline')}>
              {b.overdueDays ? (
                <Typography.Text type="danger">
                  {b.deadline}
                  {t('parens', { text: t('dLate', { overdueDays: b.overdueDays }) })}
                </Typography.Text>
              ) : (
                (b.deadline ?? '—')
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('status')}>
              <Tag color={STATUS_COLORS[b.status]} data-testid="drawer-status">
                {t(`blockerStatus.${b.status}`)}
              </Tag>
              {b.escalated && <Tag color="purple">{t('escalated')}</Tag>}
            </Descriptions.Item>
            {b.resolution && <Descriptions.Item label={t('resolution')}>{b.resolution}</Descriptions.Item>}
          </Descriptions>
          <Timeline
            style={{ marginTop: 16 }}
            items={b.notes.map((n) => ({
              color: n.kind === 'confirm' ? 'green' : n.kind === 'reopen' ? 'red' : n.kind === 'resolve' ? 'blue' : 'gray',
              children: (
                <div>
                  <Typography.Text strong>{tCode('blockerNote', n.kind)}</Typography.Text>{' '}
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
                placeholder={pending ? t('progressOrResolution') : t('confirmationOrReasonToReopen')}
                data-testid="blocker-text"
              />
              <Space wrap>
                {allowed('note') && (
                  <Select
                    mode="multiple"
                    style={{ minWidth: 200 }}
                    placeholder={t('attachmentsTheProjectS')}
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
                    {t('addProgress')}
                  </Button>
                )}
                {pending && allowed('resolve') && (
                  <Button
                    type="primary"
                    disabled={!textValue.trim()}
                    onClick={() => act.mutate({ action: 'resolve', version: b.version, resolution: textValue, attachmentIds: files })}
                    data-testid="blocker-resolve"
                  >
                    {t('resolve')}
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
                      {t('confirmAndClose')}
                    </Button>
                    <Button
                      danger
                      disabled={!textValue.trim()}
                      onClick={() => act.mutate({ action: 'reopen', version: b.version, reason: textValue })}
                      data-testid="blocker-reopen"
                    >
                      {t('reopen')}
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
  const { t } = useI18n();
  const list = useApi('GET /api/v1/blockers', { query: { project: code, status: 'open,in_progress,resolved,closed' } });
  const [open, setOpen] = useState<number | null>(null);
  const [raising, setRaising] = useState(false);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)} data-testid="raise-project-blocker">
        {t('raiseABlocker')}
      </Button>
      <BlockerTable items={list.data?.items ?? []} loading={list.isLoading} onOpen={setOpen} showProject={false} />
      {open !== null && <BlockerDrawer id={open} onClose={() => setOpen(null)} />}
      {raising && <RaiseBlockerModal projectCode={code} onClose={() => setRaising(false)} />}
    </Space>
  );
}
