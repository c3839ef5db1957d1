import { ScheduleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { PLAN_MILESTONES, type PlanMilestone, type ProposedDate } from '../../shared/reporting/schedule.ts';
import type { ResponseOf } from '../../shared/api/index.ts';

type ProgressMonth = ResponseOf<'GET /api/v1/projects/:code/progress'>['months'][number];
import { download } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { call, urlOf } from '../api/contract.ts';
import { errorText } from '../components/ResultPages.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { Project } from '../ledger.ts';
import { pct, wan } from '../reporting.ts';
import { thisYear, todayDay } from '../time.ts';

interface EntryValues {
  month: dayjs.Dayjs;
  investedWan: number;
  annualPlanWan?: number;
  imageProgress?: string;
  problems?: string;
  nextSteps?: string;
  note?: string;
  photos?: string[];
}

const PLANNED_KEY: Record<PlanMilestone, keyof Project['planned']> = {
  signed: 'signed',
  registered: 'registered',
  started: 'started',
  completed: 'completed',
  producing: 'producing',
  at_capacity: 'atCapacity',
};

/** 月报 of one project: its months with the derived cumulative figures, a month's entry, the annual plan, and 倒排工期. */
export function ProjectProgressTab({
  project,
  writable,
  attachments,
}: {
  project: Project;
  writable: boolean;
  attachments: { id: string; filename: string }[];
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const progress = useApi('GET /api/v1/projects/:code/progress', { params: { code: project.code } });
  const [entry, setEntry] = useState(false);
  const [planning, setPlanning] = useState(false);
  const [form] = Form.useForm<EntryValues>();
  const save = useMutation({
    mutationFn: (values: EntryValues) => {
      const { month, ...body } = values;
      const key = month.format('YYYY-MM');
      // the server keeps a field left out: a box the user emptied is sent as null; the version read guards against
      // another person's save in between (409)
      const version = progress.data?.months.find((m) => m.month === key)?.version ?? 0;
      const texts = {
        imageProgress: body.imageProgress ?? null,
        problems: body.problems ?? null,
        nextSteps: body.nextSteps ?? null,
        note: body.note ?? null,
      };
      return call('PUT /api/v1/projects/:code/progress/:month', {
        params: { code: project.code, month: key },
        body: { ...body, ...texts, version },
      });
    },
    onSuccess: async (saved) => {
      message.success(t('savedYtdSinceStart', { value: wan(saved.ytdWan), value2: wan(saved.sinceStartWan) }));
      setEntry(false);
      await client.invalidateQueries({ queryKey: ['projects'] });
      await client.invalidateQueries({ queryKey: ['alerts'] });
    },
    onError: (error) => message.error(errorText(error)),
  });
  const year = thisYear();
  const plan = progress.data?.plans.find((p) => p.year === year)?.plannedWan;
  const openEntry = () => {
    const month = todayDay().subtract(todayDay().date() <= 10 ? 1 : 0, 'month');
    const existing = progress.data?.months.find((m) => m.month === month.format('YYYY-MM'));
    form.setFieldsValue({
      month,
      investedWan: existing?.investedWan ?? (undefined as unknown as number),
      annualPlanWan: plan,
      imageProgress: existing?.imageProgress ?? undefined,
      problems: existing?.problems ?? undefined,
      nextSteps: existing?.nextSteps ?? undefined,
      note: existing?.note ?? undefined,
      photos: existing?.photos ?? [],
    });
    setEntry(true);
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {writable && (
          <Button type="primary" onClick={openEntry} data-testid="report-progress">
            {t('reportProgress')}
          </Button>
        )}
        {writable && (
          <Button icon={<ScheduleOutlined />} onClick={() => setPlanning(true)} data-testid="backward-schedule">
            {t('backwardSchedule')}
          </Button>
        )}
        <Typography.Text type="secondary">
          {t('annualPlanWan')}
          {t('parens', { text: year })}
          {t('colon')}
          {plan === undefined ? '—' : wan(plan)}
        </Typography.Text>
      </Space>
      <Table<ProgressMonth>
        size="small"
        rowKey="month"
        loading={progress.isLoading}
        dataSource={progress.data?.months ?? []}
        pagination={{ pageSize: 12, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        data-testid="progress-table"
        columns={[
          {
            title: t('month'),
            dataIndex: 'month',
            width: 90,
            render: (v: string, row) => (
              <Space>
                {v}
                {row.locked && <Tag color="green">{t('locked')}</Tag>}
              </Space>
            ),
          },
          { title: t('investedWan'), dataIndex: 'investedWan', align: 'right', render: wan },
          { title: t('ytdWan'), dataIndex: 'ytdWan', align: 'right', render: wan },
          { title: t('ofPlan'), dataIndex: 'ofPlan', align: 'right', render: pct },
          { title: t('sinceStartWan'), dataIndex: 'sinceStartWan', align: 'right', render: wan },
          { title: t('ofTotal'), dataIndex: 'ofTotal', align: 'right', render: pct },
          { title: t('imageProgress'), dataIndex: 'imageProgress', width: 200 },
          { title: t('problems'), dataIndex: 'problems', width: 200 },
          { title: t('nextSteps'), dataIndex: 'nextSteps', width: 200 },
          {
            title: t('photos'),
            dataIndex: 'photos',
            width: 160,
            render: (ids: string[]) => (
              <Space direction="vertical" size={0}>
                {ids.map((id) => (
                  <a
                    key={id}
                    onClick={() =>
                      void download(urlOf('GET /api/v1/projects/:code/attachments/:id', { params: { code: project.code, id } }))
                    }
                  >
                    {attachments.find((a) => a.id === id)?.filename ?? id.slice(0, 8)}
                  </a>
                ))}
              </Space>
            ),
          },
          { title: t('by'), dataIndex: 'updatedBy', width: 110 },
        ]}
      />
      <Modal
        title={t('reportProgress')}
        open={entry}
        onCancel={() => setEntry(false)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        okButtonProps={{ 'data-testid': 'progress-save' } as never}
      >
        <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
          <Space wrap>
            <Form.Item name="month" label={t('month')} rules={[{ required: true }]}>
              <DatePicker picker="month" disabledDate={(d) => d.isAfter(todayDay(), 'month')} />
            </Form.Item>
            <Form.Item
              name="investedWan"
              label={t('investedWan')}
              rules={[{ required: true }, { type: 'number', min: 0, message: t('cannotBeNegative') }]}
            >
              <InputNumber style={{ width: 180 }} data-testid="progress-invested" />
            </Form.Item>
            <Form.Item name="annualPlanWan" label={t('annualPlanWan')} rules={[{ type: 'number', min: 0 }]}>
              <InputNumber style={{ width: 180 }} />
            </Form.Item>
          </Space>
          <Form.Item name="imageProgress" label={t('imageProgress')}>
            <Input.TextArea autoSize maxLength={2000} />
          </Form.Item>
          <Form.Item name="problems" label={t('problems')}>
            <Input.TextArea autoSize maxLength={2000} />
          </Form.Item>
          <Form.Item name="nextSteps" label={t('nextSteps')}>
            <Input.TextArea autoSize maxLength={2000} />
          </Form.Item>
          <Form.Item name="photos" label={t('photosFromTheProjectS')}>
            <Select
              mode="multiple"
              options={attachments
                .filter((a) => /\.(jpe?g|png|webp|gif|heic|bmp)$/i.test(a.filename))
                .map((a) => ({ value: a.id, label: a.filename }))}
              notFoundContent={t('uploadSitePhotosUnderAttachments')}
            />
          </Form.Item>
          <Form.Item name="note" label={t('noteRequiredWhenTheCumulative')}>
            <Input.TextArea autoSize maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
      {planning && <ScheduleModal project={project} onClose={() => setPlanning(false)} />}
    </Space>
  );
}

function ScheduleModal({ project, onClose }: { project: Project; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [milestone, setMilestone] = useState<PlanMilestone>('at_capacity');
  const [date, setDate] = useState<dayjs.Dayjs | null>(todayDay().add(18, 'month').endOf('month'));
  const [proposal, setProposal] = useState<ProposedDate[] | null>(null);
  const propose = useMutation({
    mutationFn: () =>
      call('POST /api/v1/projects/:code/schedule/propose', {
        params: { code: project.code },
        body: {
          milestone,
          date: date!.format('YYYY-MM-DD'),
        },
      }),
    onSuccess: (result) => setProposal(result.items),
    onError: (error) => message.error(errorText(error)),
  });
  const save = useMutation({
    mutationFn: () => {
      const planned = { ...project.planned };
      for (const item of proposal ?? []) if (!item.reached) planned[PLANNED_KEY[item.milestone]] = item.date;
      return call('PATCH /api/v1/projects/:code', { params: { code: project.code }, body: { planned, version: project.version } });
    },
    onSuccess: async () => {
      message.success(t('planSaved'));
      await client.invalidateQueries({ queryKey: ['projects'] });
      onClose();
    },
    onError: (error) => message.error(errorText(error)),
  });
  return (
    <Modal
      title={t('backwardSchedule')}
      open
      width={640}
      onCancel={onClose}
      onOk={() => save.mutate()}
      okText={t('savePlan')}
      okButtonProps={{ disabled: !proposal, 'data-testid': 'schedule-save' } as never}
      confirmLoading={save.isPending}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('targetMilestone')}</span>
        <Select
          style={{ width: 120 }}
          value={milestone}
          onChange={setMilestone}
          options={PLAN_MILESTONES.map((m) => ({ value: m, label: t(`stage.${m}`) }))}
          data-testid="schedule-milestone"
        />
        <span>{t('targetDate')}</span>
        <DatePicker value={date} onChange={setDate} allowClear={false} />
        <Button type="primary" onClick={() => propose.mutate()} loading={propose.isPending} disabled={!date} data-testid="schedule-propose">
          {t('propose')}
        </Button>
      </Space>
      {proposal && (
        <>
          {proposal.some((p) => p.tight) && (
            <Alert type="warning" showIcon message={t('someMilestonesAreAlreadyLate')} style={{ marginBottom: 8 }} />
          )}
          <Table<ProposedDate>
            size="small"
            rowKey="milestone"
            pagination={false}
            dataSource={proposal}
            data-testid="schedule-proposal"
            columns={[
              { title: t('targetMilestone'), render: (_, row) => t(`stage.${row.milestone}`) },
              {
                title: t('planned'),
                render: (_, row) =>
                  row.reached ? (
                    <Space>
                      {row.date}
                      <Tag color="green">{t('reached')}</Tag>
                    </Space>
                  ) : (
                    <Space>
                      <DatePicker
                        value={dayjs(row.date)}
                        allowClear={false}
                        onChange={(v) =>
                          v &&
                          setProposal((list) =>
                            (list ?? []).map((p) =>
                              p.milestone === row.milestone
                                ? { ...p, date: v.format('YYYY-MM-DD'), tight: v.isBefore(todayDay(), 'day') }
                                : p,
                            ),
                          )
                        }
                      />
                      {row.tight && <Tag color="red">{t('tightPlan')}</Tag>}
                    </Space>
                  ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
