import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PROJECT_LEVELS } from '../../shared/projects/classification.ts';
import { STAGES } from '../../shared/projects/stages.ts';
import { TASK_KINDS, type CustomField, type TaskKind } from '../../shared/reporting/forms.ts';
import { lateText, RECURRENCES } from '../../shared/reporting/periods.ts';
import type { PresentedUnit } from '../../shared/api/units.ts';
import { useApi } from '../api/hooks.ts';
import { ExportButton } from '../components/ExportButton.tsx';
import { call, urlOf } from '../api/contract.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { useScopeUnits } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import { COMPLIANCE_COLORS, deadlineText, SUBMISSION_STATUS_COLORS, WEEKDAY_NUMBERS, type TaskView } from '../reporting.ts';
import { useSession } from '../session.tsx';
import { todayDay } from '../time.ts';

interface FormValues {
  name: string;
  kind: TaskKind;
  recurrence: TaskView['recurrence'];
  startOn: dayjs.Dayjs;
  dueWeekday?: number;
  dueDay?: number;
  dueMonthOffset?: number;
  dueOn?: dayjs.Dayjs;
  dueTime: dayjs.Dayjs;
  targetUnits: string[];
  stages?: string[];
  levels?: string[];
  selectionMinYi?: number;
  minInvestmentYi?: number;
  customFields?: CustomField[];
  active?: boolean;
}

/** 填报任务: what a unit collects from the units below it, and (for the units) what they are asked for. */
export function ReportTasksPage() {
  const { t, l } = useI18n();
  const { can } = useSession();
  const tasks = useApi('GET /api/v1/reporting/tasks');
  const [editing, setEditing] = useState<TaskView | 'new' | null>(null);
  if (tasks.error) return <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />;
  /** `issued`: tasks of the user's own units, which reviewers may edit. */
  const table = (rows: TaskView[], issued: boolean) => (
    <Table<TaskView>
      rowKey="id"
      loading={tasks.isLoading}
      dataSource={rows}
      pagination={false}
      data-testid="tasks-table"
      columns={[
        { title: t('taskName'), width: 240, render: (_, row) => <Link to={`/reporting/tasks/${row.id}`}>{row.name}</Link> },
        { title: t('taskKind'), width: 180, render: (_, row) => t(`taskKind.${row.kind}`) },
        { title: t('deadline'), width: 220, render: (_, row) => `${t(`recurrence.${row.recurrence}`)} · ${deadlineText(row, l)}` },
        { title: t('issuedBy'), dataIndex: 'unitName', width: 150 },
        {
          title: t('targetUnits'),
          ellipsis: true,
          render: (_, row) => (
            <Typography.Text ellipsis style={{ maxWidth: 260 }}>
              {row.targetUnits.map((u) => u.name).join(t('listSeparator'))}
            </Typography.Text>
          ),
        },
        {
          title: t('status'),
          width: 80,
          render: (_, row) => (row.active ? <Tag color="green">{t('active')}</Tag> : <Tag>{t('stopped')}</Tag>),
        },
        ...(issued && can('business:review')
          ? [
              {
                title: t('actions'),
                width: 80,
                render: (_: unknown, row: TaskView) => (
                  <Button type="link" size="small" onClick={() => setEditing(row)}>
                    {t('edit')}
                  </Button>
                ),
              },
            ]
          : []),
      ]}
    />
  );
  return (
    <Card
      title={t('reportTasks')}
      extra={
        <Space>
          <ExportButton url={urlOf('GET /api/v1/reporting/tasks/export')} />
          {can('business:review') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-task">
              {t('newTask')}
            </Button>
          )}
        </Space>
      }
    >
      <Tabs
        items={[
          {
            key: 'issued',
            label: `${t('issuedTasks')}${t('parens', { text: tasks.data?.issued.length ?? 0 })}`,
            children: table(tasks.data?.issued ?? [], true),
          },
          {
            key: 'assigned',
            label: `${t('assignedTasks')}${t('parens', { text: tasks.data?.assigned.length ?? 0 })}`,
            children: table(tasks.data?.assigned ?? [], false),
          },
        ]}
      />
      {editing && <TaskModal task={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

/** The active units below a unit, parents before children. */
function descendants(all: readonly PresentedUnit[], code: string): PresentedUnit[] {
  const result: PresentedUnit[] = [];
  const walk = (parent: string) => {
    for (const unit of all) {
      if (unit.parentCode !== parent || !unit.active) continue;
      result.push(unit);
      walk(unit.code);
    }
  };
  walk(code);
  return result;
}

function TaskModal({ task, onClose }: { task: TaskView | null; onClose: () => void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const units = useScopeUnits();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? task?.kind ?? 'monthly_progress';
  const recurrence = Form.useWatch('recurrence', form) ?? task?.recurrence ?? 'monthly';
  const issuer = task?.unit ?? me?.unit.code ?? '';
  const below = descendants(units.data?.items ?? [], issuer);
  const children = below.filter((u) => u.parentCode === issuer);
  const save = useMutation({
    mutationFn: (values: FormValues) => {
      const body = {
        unit: issuer,
        name: values.name,
        kind: values.kind,
        recurrence: values.recurrence,
        startOn: values.startOn.format('YYYY-MM-DD'),
        dueWeekday: values.dueWeekday ?? null,
        dueDay: values.dueDay ?? null,
        dueMonthOffset: values.dueMonthOffset ?? 1,
        dueOn: values.dueOn ? values.dueOn.format('YYYY-MM-DD') : null,
        dueTime: values.dueTime.format('HH:mm'),
        targetUnits: values.targetUnits,
        form: {
          ...(values.kind !== 'negotiating_major'
            ? {
                projects: {
                  ...(values.stages?.length ? { stages: values.stages } : {}),
                  ...(values.levels?.length ? { levels: values.levels } : {}),
                  ...(values.selectionMinYi ? { minInvestmentYi: values.selectionMinYi } : {}),
                },
              }
            : {}),
          ...(values.kind === 'negotiating_major' && values.minInvestmentYi ? { minInvestmentYi: values.minInvestmentYi } : {}),
          ...(values.kind === 'custom' ? { customFields: values.customFields ?? [] } : {}),
        },
      };
      return task
        ? call('PUT /api/v1/reporting/tasks/:id', {
            params: { id: task.id },
            body: { ...body, version: task.version, active: values.active ?? true },
          })
        : call('POST /api/v1/reporting/tasks', { body });
    },
    onSuccess: async () => {
      message.success(t('save'));
      await client.invalidateQueries({ queryKey: ['reporting'] });
      onClose();
    },
    onError: (error) => message.error(errorText(error)),
  });
  const initial: Partial<FormValues> = task
    ? {
        name: task.name,
        kind: task.kind,
        recurrence: task.recurrence,
        startOn: dayjs(task.startOn),
        dueWeekday: task.dueWeekday ?? undefined,
        dueDay: task.dueDay ?? undefined,
        dueMonthOffset: task.dueMonthOffset ?? 1,
        dueOn: task.dueOn ? dayjs(task.dueOn) : undefined,
        dueTime: dayjs(`2000-01-01T${task.dueTime}`),
        targetUnits: task.targetUnits.map((u) => u.code),
        stages: task.form.projects?.stages ?? [],
        levels: task.form.projects?.levels ?? [],
        selectionMinYi: task.form.projects?.minInvestmentYi,
        minInvestmentYi: task.form.minInvestmentYi,
        customFields: task.form.customFields ?? [],
        active: task.active,
      }
    : {
        kind: 'monthly_progress',
        recurrence: 'monthly',
        startOn: todayDay().startOf('month'),
        dueDay: 5,
        dueMonthOffset: 1,
        dueWeekday: 5,
        dueTime: dayjs('2000-01-01T17:00'),
        stages: ['started'],
        targetUnits: [],
      };
  return (
    <Modal
      title={task ? t('editTask') : t('newTask')}
      open
      width={720}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'task-save' } as never}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(values) => save.mutate(values)}>
        <Form.Item name="name" label={t('taskName')} rules={[{ required: true, max: 80 }]}>
          <Input data-testid="task-name" placeholder={t('eGMonthlyProgressOf')} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="kind" label={t('taskKind')} rules={[{ required: true }]}>
            <Select
              style={{ width: 220 }}
              disabled={Boolean(task)}
              options={TASK_KINDS.map((k) => ({ value: k, label: t(`taskKind.${k}`) }))}
              data-testid="task-kind"
            />
          </Form.Item>
          <Form.Item name="recurrence" label={t('recurrence')} rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={RECURRENCES.map((r) => ({ value: r, label: t(`recurrence.${r}`) }))} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="startOn" label={t('startOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          {(recurrence === 'weekly' || recurrence === 'biweekly') && (
            <Form.Item name="dueWeekday" label={t('dueWeekday')} rules={[{ required: true }]}>
              <Select style={{ width: 100 }} options={WEEKDAY_NUMBERS.map((d) => ({ value: d, label: t(`weekday.${d}`) }))} />
            </Form.Item>
          )}
          {recurrence === 'monthly' && (
            <>
              <Form.Item name="dueMonthOffset" label={t('dueMonthOffset')}>
                <Select
                  style={{ width: 100 }}
                  options={[
                    { value: 0, label: t('dueSameMonth') },
                    { value: 1, label: t('dueNextMonth') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="dueDay" label={t('dueDay')} rules={[{ required: true }]}>
                <InputNumber min={1} max={28} addonAfter={t('th')} />
              </Form.Item>
            </>
          )}
          {recurrence === 'once' && (
            <Form.Item name="dueOn" label={t('dueOn')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
          )}
          <Form.Item name="dueTime" label={t('dueTime')} rules={[{ required: true }]}>
            <TimePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
        </Space>
        <Form.Item
          name="targetUnits"
          label={
            <Space>
              {t('targetUnits')}
              <Button
                size="small"
                type="link"
                onClick={() =>
                  form.setFieldValue(
                    'targetUnits',
                    children.map((c) => c.code),
                  )
                }
                data-testid="all-children"
              >
                {t('allDirectChildren')}
              </Button>
            </Space>
          }
          rules={[{ required: true, type: 'array', min: 1 }]}
        >
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            options={below.map((u) => ({ value: u.code, label: u.name }))}
            data-testid="task-units"
          />
        </Form.Item>
        {kind !== 'negotiating_major' && (
          <Space wrap align="start">
            <Form.Item name="stages" label={t('projectStages')}>
              <Select mode="multiple" style={{ minWidth: 220 }} options={STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))} />
            </Form.Item>
            <Form.Item name="levels" label={t('projectLevels')}>
              <Select
                mode="multiple"
                style={{ minWidth: 200 }}
                options={PROJECT_LEVELS.map((s) => ({ value: s, label: t(`projectLevel.${s}`) }))}
              />
            </Form.Item>
            <Form.Item name="selectionMinYi" label={t('minInvestmentYi')}>
              <InputNumber min={0} />
            </Form.Item>
          </Space>
        )}
        {kind === 'negotiating_major' && (
          <Form.Item name="minInvestmentYi" label={t('minInvestmentYi')} extra={t('yangzhouCollectsNewNegotiationsOf')}>
            <InputNumber min={0} />
          </Form.Item>
        )}
        {kind === 'custom' && (
          <Form.List name="customFields">
            {(fields, { add, remove }) => (
              <Card
                size="small"
                title={t('customFields')}
                extra={
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() => add({ key: `f${fields.length + 1}`, label: '', type: 'text', required: false })}
                  >
                    {t('addField')}
                  </Button>
                }
              >
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item name={[field.name, 'key']} rules={[{ required: true, pattern: /^[a-zA-Z]\w{0,30}$/ }]}>
                      <Input placeholder={t('fieldKey')} style={{ width: 100 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'label']} rules={[{ required: true, max: 40 }]}>
                      <Input placeholder={t('fieldLabel')} style={{ width: 180 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'type']}>
                      <Select
                        style={{ width: 100 }}
                        options={[
                          { value: 'text', label: t('text') },
                          { value: 'number', label: t('number') },
                          { value: 'date', label: t('date') },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'required']} valuePropName="checked">
                      <Switch checkedChildren={t('required')} unCheckedChildren={t('required')} />
                    </Form.Item>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                  </Space>
                ))}
              </Card>
            )}
          </Form.List>
        )}
        {task && (
          <Form.Item name="active" label={t('active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** One task: each period's submissions by unit, coloured by status and punctuality. */
export function ReportTaskPage() {
  const { id } = useParams();
  const { t, l, lang } = useI18n();
  const detail = useApi('GET /api/v1/reporting/tasks/:id', { params: { id } });
  if (detail.error) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Card loading />;
  const { task, submissions } = detail.data;
  const periods = [...new Map(submissions.map((s) => [s.periodKey, s.periodLabel])).entries()];
  const unitsList = [...new Map(submissions.map((s) => [s.unit, s.unitName])).entries()].sort((a, b) => a[0].localeCompare(b[0]));
  return (
    <Card
      title={
        <Space>
          {task.name}
          <Tag>{t(`taskKind.${task.kind}`)}</Tag>
        </Space>
      }
      extra={
        <Typography.Text type="secondary">{`${t(`recurrence.${task.recurrence}`)} · ${deadlineText(task, l)} · ${task.unitName}`}</Typography.Text>
      }
    >
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={unitsList.map(([code, name]) => ({ code, name }))}
        data-testid="task-matrix"
        columns={[
          { title: t('units'), dataIndex: 'name', fixed: 'left', width: 160 },
          ...periods.map(([key, label]) => ({
            title: l(label),
            key,
            width: 170,
            render: (_: unknown, row: { code: string }) => {
              const s = submissions.find((x) => x.unit === row.code && x.periodKey === key);
              if (!s) return null;
              return (
                <Link to={`/reporting/submissions/${s.id}`}>
                  <Space direction="vertical" size={0}>
                    <Tag color={SUBMISSION_STATUS_COLORS[s.status]}>{t(`submissionStatus.${s.status}`)}</Tag>
                    <Tag color={COMPLIANCE_COLORS[s.compliance.status]}>
                      {t(`compliance.${s.compliance.status}`)}
                      {s.compliance.lateHours ? ` ${lateText(s.compliance.lateHours, lang)}` : ''}
                    </Tag>
                  </Space>
                </Link>
              );
            },
          })),
        ]}
      />
    </Card>
  );
}
