// 招商活动 / 集中签约: the year's events of a unit with what each announced (projects, 总投资, 外资 in USD), the
// event's printable sheet listing its projects (each opening its record), and the form that registers one.
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ResponseOf } from '../../shared/api/index.ts';
import { EVENT_KINDS, eventAnnouncement, isForeignFunded, type EventKind } from '../../shared/staff/events.ts';
import { download } from '../api/client.ts';
import { call, urlOf } from '../api/contract.ts';
import { useApi, useInvalidate } from '../api/hooks.ts';
import { FormDrawer, useSave } from '../components/FormDrawer.tsx';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import { yi } from '../ledger.ts';
import { useQueryParams } from '../reporting.ts';
import { useSession } from '../session.tsx';
import { thisYear, todayDay } from '../time.ts';
import { whenValid } from '../forms.ts';

type EventSummary = ResponseOf<'GET /api/v1/events'>['items'][number];
type EventDetail = ResponseOf<'GET /api/v1/events/:id'>;

const KIND_COLORS: Record<EventKind, string> = {
  signing: 'red',
  cloud_signing: 'volcano',
  promotion: 'blue',
  roundtable: 'geekblue',
  expo: 'purple',
  other: 'default',
};
/** 万美元 shown in 亿美元, two decimals, as announcements give it */
const usdYi = (wan: number) => (wan / 10_000).toFixed(2);

export function EventsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const [params, set] = useQueryParams();
  const unit = params.get('unit') ?? undefined;
  const year = Number(params.get('year') ?? thisYear());
  const kind = (params.get('kind') as EventKind | null) ?? undefined;
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const query = { unit, year, kind };
  const list = useApi('GET /api/v1/events', { query: { ...query, page, pageSize: 20 } });
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Card
      title={t('events')}
      extra={
        <Space wrap>
          <UnitSelect value={unit} onChange={(v) => set('unit', v)} placeholder={t('units')} style={{ width: 200 }} />
          <DatePicker
            picker="year"
            allowClear={false}
            value={dayjs(`${year}-01-01`)}
            onChange={(v) => set('year', v ? String(v.year()) : undefined)}
          />
          <Select
            allowClear
            placeholder={t('eventKindColumn')}
            style={{ width: 150 }}
            value={kind}
            onChange={(v) => set('kind', v)}
            options={EVENT_KINDS.map((k) => ({ value: k, label: t(`eventKind.${k}`) }))}
          />
          {can('business:export') && (
            <Button
              icon={<DownloadOutlined />}
              onClick={() => download(urlOf('GET /api/v1/events/export', { query })).catch((e) => message.error(errorText(e)))}
            >
              {t('exportExcel')}
            </Button>
          )}
          {can('business:write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="event-new">
              {t('newEvent')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<EventSummary>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="events-table"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('eventName'), render: (_, e) => <Link to={`/events/${e.id}`}>{e.name}</Link> },
          { title: t('eventKindColumn'), width: 120, render: (_, e) => <Tag color={KIND_COLORS[e.kind]}>{t(`eventKind.${e.kind}`)}</Tag> },
          { title: t('eventOn'), dataIndex: 'on', width: 110 },
          { title: t('eventPlace'), dataIndex: 'place', render: (v: string | null) => v ?? '—' },
          { title: t('unit'), dataIndex: 'unitName', width: 140 },
          {
            title: t('eventProjects'),
            align: 'right',
            width: 90,
            render: (_, e) => (
              <Link to={`/events/${e.id}`} data-count={e.count} data-testid={`event-count-${e.id}`}>
                {e.count}
              </Link>
            ),
          },
          { title: t('eventInvestmentYi'), align: 'right', width: 130, render: (_, e) => yi(e.totalInvestmentWan) },
          {
            title: t('eventForeign'),
            align: 'right',
            width: 150,
            render: (_, e) => (e.foreignCount ? `${e.foreignCount} / ${usdYi(e.foreignUsdWan)}` : '—'),
          },
        ]}
      />
      {creating && <EventForm event={null} onClose={() => setCreating(false)} />}
    </Card>
  );
}

/** One event: its sheet as printed (title, facts, the announced totals, the projects), with its actions above. */
export function EventPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [editing, setEditing] = useState(false);
  const event = useApi('GET /api/v1/events/:id', { params: { id } });
  const remove = useMutation({
    mutationFn: () => call('DELETE /api/v1/events/:id', { params: { id } }),
    onSuccess: async () => {
      message.success(t('deleted'));
      await invalidate('events');
      navigate('/events');
    },
    onError: (e) => message.error(errorText(e)),
  });
  if (event.error) return <QueryError error={event.error} onRetry={() => void event.refetch()} />;
  const e = event.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" className="no-print">
        <Space wrap>
          <Button onClick={() => navigate('/events')}>{t('backToList')}</Button>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="event-print">
            {t('print')}
          </Button>
          {can('business:export') && (
            <Button
              icon={<DownloadOutlined />}
              onClick={() => download(urlOf('GET /api/v1/events/:id/xlsx', { params: { id } })).catch((x) => message.error(errorText(x)))}
            >
              {t('exportExcel')}
            </Button>
          )}
          {can('business:write') && e && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="event-edit">
              {t('edit')}
            </Button>
          )}
          {can('business:delete') && e && (
            <Button
              danger
              icon={<DeleteOutlined />}
              loading={remove.isPending}
              onClick={() => modal.confirm({ title: t('eventDeleteConfirm'), onOk: () => remove.mutateAsync() })}
            >
              {t('delete')}
            </Button>
          )}
        </Space>
      </Card>
      <Card loading={event.isLoading} data-testid="event-sheet">
        {e && (
          <>
            <Typography.Title level={3} style={{ textAlign: 'center' }}>
              {e.name}
            </Typography.Title>
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('eventKindColumn')}>{t(`eventKind.${e.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('eventOn')}>{e.on}</Descriptions.Item>
              <Descriptions.Item label={t('eventPlace')}>{e.place ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('eventOrganiser')}>{e.organiser ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('unit')}>{e.unitName}</Descriptions.Item>
              <Descriptions.Item label={t('submittedBy')}>{e.createdByName}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph strong style={{ fontSize: 16 }} data-testid="event-announcement">
              {eventAnnouncement(e, lang)}
            </Typography.Paragraph>
            {e.note && <Typography.Paragraph>{e.note}</Typography.Paragraph>}
            <Table<EventDetail['projects'][number]>
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={e.projects}
              data-testid="event-projects"
              columns={[
                { title: t('serialNo'), width: 60, render: (_, __, i) => i + 1 },
                {
                  title: t('projectName'),
                  render: (_, p) => (
                    <Space size={4}>
                      <Link to={`/projects/${encodeURIComponent(p.code)}`}>{p.name}</Link>
                      {p.onSite && <Tag color="red">{t('onSite')}</Tag>}
                      {!p.signedOn && <Tag>{t('notYetSigned')}</Tag>}
                    </Space>
                  ),
                },
                { title: t('investor'), dataIndex: 'investorName' },
                { title: t('unit'), dataIndex: 'unitName', width: 120 },
                { title: t('capitalType'), width: 90, render: (_, p) => t(`capitalType.${p.capitalType as 'domestic'}`) },
                { title: t('eventInvestmentYi'), align: 'right', width: 120, render: (_, p) => yi(p.totalInvestmentWan) },
                {
                  title: t('investmentUsdWan'),
                  align: 'right',
                  width: 120,
                  render: (_, p) =>
                    p.totalInvestmentUsdWan === null || !isForeignFunded(p.capitalType) ? '—' : p.totalInvestmentUsdWan.toFixed(2),
                },
                { title: t('signedOn'), dataIndex: 'signedOn', width: 110, render: (v: string | null) => v ?? '—' },
                { title: t('stage'), width: 90, render: (_, p) => t(`stage.${p.stage}`) },
              ]}
            />
          </>
        )}
      </Card>
      {editing && e && <EventForm event={e} onClose={() => setEditing(false)} />}
    </Space>
  );
}

interface EventValues {
  unit: string;
  kind: EventKind;
  name: string;
  on: Dayjs;
  place?: string;
  organiser?: string;
  note?: string;
  projectCodes?: string[];
  onSiteCodes?: string[];
}

/** Registers or edits an event: its facts and the ledger's projects signed at it (searched by name or code). */
function EventForm({ event, onClose }: { event: EventDetail | null; onClose: () => void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<EventValues>();
  const [search, setSearch] = useState('');
  const unit = Form.useWatch('unit', form);
  const chosen = Form.useWatch('projectCodes', form) ?? [];
  const found = useApi(
    'GET /api/v1/projects',
    { query: { q: search, unit, pageSize: 20, fields: 'name,unitName' } },
    { enabled: search.length >= 2 },
  );
  // labels of what is chosen stay known while the search changes
  const [known, setKnown] = useState<Map<string, string>>(
    () => new Map((event?.projects ?? []).map((p) => [p.code, `${p.name}（${p.unitName}）`])),
  );
  const options = new Map(known);
  for (const p of found.data?.items ?? []) options.set(p.code, `${p.name ?? p.code}（${p.unitName ?? ''}）`);
  const save = useSave(
    (v: EventValues) => {
      const body = {
        unit: v.unit,
        kind: v.kind,
        name: v.name,
        on: v.on.format('YYYY-MM-DD'),
        place: v.place || null,
        organiser: v.organiser || null,
        note: v.note || null,
        projectCodes: v.projectCodes ?? [],
        onSiteCodes: (v.onSiteCodes ?? []).filter((c) => (v.projectCodes ?? []).includes(c)),
      };
      return event
        ? call('PUT /api/v1/events/:id', { params: { id: event.id }, body: { ...body, version: event.version } })
        : call('POST /api/v1/events', { body });
    },
    ['events'],
    (result) => {
      onClose();
      if (!event) navigate(`/events/${result.id}`);
    },
  );
  return (
    <FormDrawer
      width={720}
      onClose={onClose}
      title={event ? t('edit') : t('newEvent')}
      testId="event-form"
      saving={save.isPending}
      onSave={() => whenValid(form, (v) => save.mutate(v))}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          event
            ? {
                unit: event.unitCode,
                kind: event.kind,
                name: event.name,
                on: dayjs(event.on),
                place: event.place ?? undefined,
                organiser: event.organiser ?? undefined,
                note: event.note ?? undefined,
                projectCodes: event.projects.map((p) => p.code),
                onSiteCodes: event.projects.filter((p) => p.onSite).map((p) => p.code),
              }
            : { unit: me?.unit.code, kind: 'signing', on: todayDay(), projectCodes: [], onSiteCodes: [] }
        }
      >
        <Space.Compact block style={{ gap: 8 }}>
          <Form.Item name="unit" label={t('eventUnit')} rules={[{ required: true, message: t('required') }]} style={{ flex: 1 }}>
            <UnitSelect />
          </Form.Item>
          <Form.Item name="kind" label={t('eventKindColumn')} rules={[{ required: true }]} style={{ width: 180 }}>
            <Select options={EVENT_KINDS.map((k) => ({ value: k, label: t(`eventKind.${k}`) }))} data-testid="event-kind" />
          </Form.Item>
          <Form.Item name="on" label={t('eventOn')} rules={[{ required: true, message: t('required') }]}>
            <DatePicker allowClear={false} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="name" label={t('eventName')} rules={[{ required: true, message: t('required') }, { max: 200 }]}>
          <Input data-testid="event-name" />
        </Form.Item>
        <Space.Compact block style={{ gap: 8 }}>
          <Form.Item name="place" label={t('eventPlace')} rules={[{ max: 200 }]} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
          <Form.Item name="organiser" label={t('eventOrganiser')} rules={[{ max: 200 }]} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="projectCodes" label={t('eventProjects')} extra={t('eventProjectsHint')}>
          <Select
            mode="multiple"
            showSearch
            filterOption={false}
            onSearch={setSearch}
            onChange={(codes: string[]) => {
              // remember the labels of what was just picked
              setKnown(new Map([...known, ...codes.filter((c) => options.has(c)).map((c) => [c, options.get(c)!] as const)]));
            }}
            placeholder={t('typeToSearchProjects')}
            options={[...options].map(([value, label]) => ({ value, label }))}
            data-testid="event-projects-select"
          />
        </Form.Item>
        <Form.Item name="onSiteCodes" label={t('onSite')} extra={t('onSiteHint')}>
          <Select
            mode="multiple"
            options={chosen.map((code) => ({ value: code, label: options.get(code) ?? code }))}
            data-testid="event-onsite-select"
          />
        </Form.Item>
        <Form.Item name="note" label={t('remarks')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
