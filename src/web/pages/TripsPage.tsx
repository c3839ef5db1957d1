// 外出招商 / 来访接待: the unit's trips by month, logged from a desk or a phone (cards and a full-screen form on a
// narrow screen, large touch targets), each opening its record; a reviewer approves when ⚙ approval is on.
import { CameraOutlined, DeleteOutlined, DownloadOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Grid,
  Image,
  Input,
  List,
  Modal,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { ResponseOf } from '../../shared/api/index.ts';
import type { TripKind, TripStatus } from '../../shared/staff/trips.ts';
import { download } from '../api/client.ts';
import { currentLang } from '../i18n/index.tsx';
import { call, urlOf } from '../api/contract.ts';
import { useApi, useInvalidate } from '../api/hooks.ts';
import { FormDrawer, useSave } from '../components/FormDrawer.tsx';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useQueryParams } from '../reporting.ts';
import { useSession } from '../session.tsx';
import { todayDay } from '../time.ts';
import { whenValid } from '../forms.ts';

type TripSummary = ResponseOf<'GET /api/v1/trips'>['items'][number];
type Trip = ResponseOf<'GET /api/v1/trips/:id'>;

const STATUS_COLORS: Record<TripStatus, string> = { submitted: 'blue', approved: 'green', returned: 'red' };

/** A narrow screen (a phone): cards instead of a table, a form over the whole screen. */
export const usePhone = () => !Grid.useBreakpoint().md;

const dates = (t: { from: string; to: string }) => (t.from === t.to ? t.from : `${t.from} ~ ${t.to}`);

export function TripsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const phone = usePhone();
  const [params, set] = useQueryParams();
  const [, setSearch] = useSearchParams();
  const unit = params.get('unit') ?? undefined;
  const month = params.get('month') ?? todayDay().format('YYYY-MM');
  const kind = (params.get('kind') as TripKind | null) ?? undefined;
  const user = params.get('user') ?? undefined;
  // a period instead of a month (the scoreboard opens a quarter's or a year's trips), counted ones only
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const counted = params.get('counted') === 'true' ? ('true' as const) : undefined;
  const ranged = Boolean(from || to);
  const [page, setPage] = useState(1);
  const [opened, setOpened] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ kind: TripKind; trip: Trip | null } | null>(null);
  const query = ranged ? { unit, from, to, counted, kind, user } : { unit, month, kind, user, counted };
  const list = useApi('GET /api/v1/trips', { query: { ...query, page, pageSize: 20 } });
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data?.items ?? [];
  const size = phone ? 'large' : 'middle';

  return (
    <Card
      title={t('trips')}
      styles={phone ? { body: { padding: 12 } } : undefined}
      extra={
        !phone &&
        can('business:export') && (
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download(urlOf('GET /api/v1/trips/export', { query })).catch((e) => message.error(errorText(e)))}
          >
            {t('exportExcel')}
          </Button>
        )
      }
    >
      <Space direction={phone ? 'vertical' : 'horizontal'} wrap style={{ marginBottom: 12, width: phone ? '100%' : undefined }}>
        {can('business:write') && (
          <Space wrap>
            <Button
              type="primary"
              size={size}
              icon={<PlusOutlined />}
              onClick={() => setEditing({ kind: 'trip', trip: null })}
              data-testid="trip-new"
            >
              {t('newTrip')}
            </Button>
            <Button
              size={size}
              icon={<PlusOutlined />}
              onClick={() => setEditing({ kind: 'reception', trip: null })}
              data-testid="reception-new"
            >
              {t('newReception')}
            </Button>
          </Space>
        )}
        <Space wrap>
          {ranged ? (
            <Tag
              closable
              onClose={() =>
                setSearch(
                  (prev) => {
                    const next = new URLSearchParams(prev);
                    next.delete('from');
                    next.delete('to');
                    return next;
                  },
                  { replace: true },
                )
              }
              data-testid="trips-range-filter"
            >
              {`${from ?? ''} ~ ${to ?? ''}`}
            </Tag>
          ) : (
            <DatePicker
              picker="month"
              size={size}
              allowClear={false}
              inputReadOnly={phone}
              value={dayjs(`${month}-01`)}
              onChange={(v) => {
                set('month', v ? v.format('YYYY-MM') : undefined);
                setPage(1);
              }}
              data-testid="trips-month"
            />
          )}
          <Segmented
            size={size}
            value={kind ?? 'all'}
            onChange={(v) => set('kind', v === 'all' ? undefined : String(v))}
            options={[
              { value: 'all', label: t('all') },
              { value: 'trip', label: t('tripKind.trip') },
              { value: 'reception', label: t('tripKind.reception') },
            ]}
          />
          {!phone && (
            <UnitSelect value={unit} onChange={(v) => set('unit', v)} allowClear placeholder={t('units')} style={{ width: 200 }} />
          )}
          {user && (
            <Tag closable onClose={() => set('user', undefined)} data-testid="trips-user-filter">
              {user}
            </Tag>
          )}
        </Space>
      </Space>
      {phone ? (
        <List
          loading={list.isLoading}
          dataSource={items}
          locale={{ emptyText: <Empty description={t('noTrips')} /> }}
          pagination={
            list.data && list.data.total > 20
              ? { current: page, total: list.data.total, pageSize: 20, onChange: setPage, simple: true }
              : false
          }
          renderItem={(trip) => (
            <Card size="small" style={{ marginBottom: 8 }} onClick={() => setOpened(trip.id)} data-testid="trip-card" hoverable>
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Typography.Text strong>{trip.destination}</Typography.Text>
                  <Tag color={STATUS_COLORS[trip.status]}>{t(`tripStatus.${trip.status}`)}</Tag>
                </Space>
                <Typography.Text type="secondary">
                  {t(`tripKind.${trip.kind}`)} · {dates(trip)} · {t('tripDaysN', { n: trip.days })}
                </Typography.Text>
                <Typography.Text>{trip.people.map((p) => p.displayName).join('、')}</Typography.Text>
                <Typography.Text type="secondary" ellipsis>
                  {trip.purpose}
                </Typography.Text>
              </Space>
            </Card>
          )}
        />
      ) : (
        <Table<TripSummary>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={items}
          data-testid="trips-table"
          locale={{ emptyText: t('noTrips') }}
          onRow={(row) => ({ onClick: () => setOpened(row.id), style: { cursor: 'pointer' } })}
          pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('tripKindColumn'), width: 90, render: (_, r) => t(`tripKind.${r.kind}`) },
            { title: t('date'), width: 200, render: (_, r) => dates(r) },
            { title: t('tripDays'), dataIndex: 'days', width: 70, align: 'right' },
            {
              title: t('tripPeople'),
              render: (_, r) =>
                r.people.map((p) => (
                  <Tag key={p.username} color={p.leader ? 'gold' : undefined}>
                    {p.displayName}
                  </Tag>
                )),
            },
            { title: t('destination'), dataIndex: 'destination', width: 140 },
            { title: t('purpose'), dataIndex: 'purpose', ellipsis: true },
            { title: t('tripResults'), dataIndex: 'results', ellipsis: true },
            { title: t('unit'), dataIndex: 'unitName', width: 130 },
            {
              title: t('status'),
              width: 90,
              render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{t(`tripStatus.${r.status}`)}</Tag>,
            },
          ]}
        />
      )}
      {opened && (
        <TripDrawer
          id={opened}
          onClose={() => setOpened(null)}
          onEdit={(trip) => {
            setOpened(null);
            setEditing({ kind: trip.kind, trip });
          }}
        />
      )}
      {editing && <TripForm kind={editing.kind} trip={editing.trip} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function TripDrawer({ id, onClose, onEdit }: { id: string; onClose: () => void; onEdit: (trip: Trip) => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const phone = usePhone();
  const invalidate = useInvalidate();
  const trip = useApi('GET /api/v1/trips/:id', { params: { id } });
  const approval = trip.data?.approval ?? false;
  const [returning, setReturning] = useState(false);
  const [note, setNote] = useState('');
  const review = useMutation({
    mutationFn: (body: { action: 'approve' | 'return'; note?: string }) => call('POST /api/v1/trips/:id/review', { params: { id }, body }),
    onSuccess: async () => {
      message.success(t('saved'));
      setReturning(false);
      await invalidate('trips', 'staff');
    },
    onError: (e) => message.error(errorText(e)),
  });
  const remove = useMutation({
    mutationFn: () => call('DELETE /api/v1/trips/:id', { params: { id } }),
    onSuccess: async () => {
      message.success(t('deleted'));
      await invalidate('trips', 'staff');
      onClose();
    },
    onError: (e) => message.error(errorText(e)),
  });
  const removePhoto = useMutation({
    mutationFn: (photoId: string) => call('DELETE /api/v1/trips/:id/photos/:photoId', { params: { id, photoId } }),
    onSuccess: async () => {
      await invalidate('trips');
    },
    onError: (e) => message.error(errorText(e)),
  });
  const data = trip.data;
  return (
    <Drawer
      open
      width={phone ? '100%' : 640}
      onClose={onClose}
      title={data ? `${t(`tripKind.${data.kind}`)} · ${data.destination}` : ''}
      data-testid="trip-drawer"
    >
      {trip.error && <QueryError error={trip.error} onRetry={() => void trip.refetch()} />}
      {data && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap>
            <Tag color={STATUS_COLORS[data.status]}>{t(`tripStatus.${data.status}`)}</Tag>
            {can('business:write') && (
              <Button icon={<EditOutlined />} onClick={() => onEdit(data)} data-testid="trip-edit">
                {t('edit')}
              </Button>
            )}
            {can('business:delete') && (
              <Button
                danger
                icon={<DeleteOutlined />}
                onClick={() => Modal.confirm({ title: `${t('delete')}?`, onOk: () => remove.mutateAsync() })}
              >
                {t('delete')}
              </Button>
            )}
            {approval && can('business:review') && data.status !== 'approved' && (
              <Button type="primary" onClick={() => review.mutate({ action: 'approve' })} data-testid="trip-approve">
                {t('approve')}
              </Button>
            )}
            {approval && can('business:review') && data.status !== 'returned' && (
              <Button onClick={() => setReturning(true)}>{t('returnTrip')}</Button>
            )}
          </Space>
          {returning && (
            <Space.Compact style={{ width: '100%' }}>
              <Input placeholder={t('returnReason')} value={note} onChange={(e) => setNote(e.target.value)} />
              <Button danger onClick={() => review.mutate({ action: 'return', note })} disabled={!note.trim()}>
                {t('returnTrip')}
              </Button>
            </Space.Compact>
          )}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('date')}>
              {dates(data)} · {t('tripDaysN', { n: data.days })}
            </Descriptions.Item>
            <Descriptions.Item label={t('tripPeople')}>
              {data.people.map((p) => (
                <Tag key={p.username} color={p.leader ? 'gold' : undefined}>
                  {p.displayName}
                  {p.leader ? ` · ${t('leader')}` : ''}
                </Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={data.kind === 'reception' ? t('visitorsFrom') : t('destination')}>
              {data.destination}
              {data.abroad ? ` · ${t('abroad')}` : ''}
            </Descriptions.Item>
            {data.visitors && <Descriptions.Item label={t('visitors')}>{data.visitors}</Descriptions.Item>}
            <Descriptions.Item label={t('purpose')}>{data.purpose}</Descriptions.Item>
            {data.results && <Descriptions.Item label={t('tripResults')}>{data.results}</Descriptions.Item>}
            {data.nextSteps && <Descriptions.Item label={t('tripNextSteps')}>{data.nextSteps}</Descriptions.Item>}
            <Descriptions.Item label={t('unit')}>{data.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('submittedBy')}>{data.createdByName}</Descriptions.Item>
            {data.reviewNote && <Descriptions.Item label={t('reviewNote')}>{data.reviewNote}</Descriptions.Item>}
          </Descriptions>
          {data.visits.length > 0 && (
            <>
              <Typography.Title level={5}>{t('tripVisits')}</Typography.Title>
              <List
                size="small"
                bordered
                dataSource={data.visits}
                renderItem={(v) => (
                  <List.Item>
                    <Space direction="vertical" size={0}>
                      {v.companyId ? (
                        <Link to={`/companies?company=${v.companyId}`}>{v.company}</Link>
                      ) : (
                        <Typography.Text>{v.company}</Typography.Text>
                      )}
                      {v.summary && <Typography.Text type="secondary">{v.summary}</Typography.Text>}
                    </Space>
                  </List.Item>
                )}
              />
            </>
          )}
          <Typography.Title level={5}>{t('tripPhotos')}</Typography.Title>
          <Image.PreviewGroup>
            <Space wrap data-testid="trip-photos">
              {data.photos.map((p) => (
                <Space key={p.id} direction="vertical" size={2} align="center">
                  <Image
                    width={phone ? 96 : 120}
                    height={phone ? 96 : 120}
                    style={{ objectFit: 'cover', borderRadius: 6 }}
                    src={urlOf('GET /api/v1/trips/:id/photos/:photoId', { params: { id, photoId: p.id } })}
                    alt={p.filename}
                  />
                  {can('business:write') && (
                    <Button size="small" type="link" danger onClick={() => removePhoto.mutate(p.id)}>
                      {t('delete')}
                    </Button>
                  )}
                </Space>
              ))}
            </Space>
          </Image.PreviewGroup>
          {can('business:write') && (
            <Upload
              name="file"
              accept="image/*"
              capture="environment"
              multiple
              action={urlOf('POST /api/v1/trips/:id/photos', { params: { id } })}
              headers={{ 'x-lang': currentLang() }}
              showUploadList={false}
              onChange={(info) => {
                if (info.file.status === 'done') void invalidate('trips');
                if (info.file.status === 'error')
                  message.error((info.file.response as { error?: { message?: string } })?.error?.message ?? t('uploadFailed'));
              }}
            >
              <Button icon={<CameraOutlined />} size={phone ? 'large' : 'middle'} block={phone} data-testid="trip-photo-upload">
                {t('addPhotos')}
              </Button>
            </Upload>
          )}
          {data.projects.length > 0 && (
            <>
              <Typography.Title level={5}>{t('tripProjects')}</Typography.Title>
              <Space wrap>
                {data.projects.map((p) => (
                  <Link key={p.code} to={`/projects/${p.code}`}>
                    <Tag>
                      {p.name} · {t(`stage.${p.stage}`)}
                    </Tag>
                  </Link>
                ))}
              </Space>
            </>
          )}
        </Space>
      )}
    </Drawer>
  );
}

interface TripValues {
  people: string[];
  from: dayjs.Dayjs;
  to?: dayjs.Dayjs;
  destination: string;
  abroad?: boolean;
  purpose: string;
  visitors?: string;
  visits?: { company: string; summary?: string }[];
  results?: string;
  nextSteps?: string;
  projectCodes?: string[];
}

/** The trip's form: the whole screen on a phone, large fields; the logged-in person first by default. */
function TripForm({ kind, trip, onClose }: { kind: TripKind; trip: Trip | null; onClose: () => void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const phone = usePhone();
  const [form] = Form.useForm<TripValues>();
  const team = useApi('GET /api/v1/staff/team', {});
  const reception = kind === 'reception';
  const save = useSave(
    (v: TripValues) => {
      const body = {
        kind,
        people: v.people,
        from: v.from.format('YYYY-MM-DD'),
        to: (reception || !v.to ? v.from : v.to).format('YYYY-MM-DD'),
        destination: v.destination,
        abroad: v.abroad ?? false,
        purpose: v.purpose,
        visitors: v.visitors || null,
        visits: (v.visits ?? []).filter((x) => x?.company?.trim()).map((x) => ({ company: x.company.trim(), summary: x.summary || null })),
        results: v.results || null,
        nextSteps: v.nextSteps || null,
        projectCodes: v.projectCodes ?? [],
      };
      return trip
        ? call('PUT /api/v1/trips/:id', { params: { id: trip.id }, body: { ...body, version: trip.version } })
        : call('POST /api/v1/trips', { body });
    },
    ['trips', 'staff'],
    () => onClose(),
  );
  const size = phone ? 'large' : 'middle';
  return (
    <FormDrawer
      width={phone ? '100%' : 640}
      onClose={onClose}
      title={trip ? t('edit') : reception ? t('newReception') : t('newTrip')}
      testId="trip-form"
      saving={save.isPending}
      onSave={() => whenValid(form, (v) => save.mutate(v))}
      large={phone}
    >
      <Form
        form={form}
        layout="vertical"
        size={size}
        initialValues={
          trip
            ? {
                people: trip.people.map((p) => p.username),
                from: dayjs(trip.from),
                to: dayjs(trip.to),
                destination: trip.destination,
                abroad: trip.abroad,
                purpose: trip.purpose,
                visitors: trip.visitors ?? undefined,
                visits: trip.visits.map((v) => ({ company: v.company, summary: v.summary ?? undefined })),
                results: trip.results ?? undefined,
                nextSteps: trip.nextSteps ?? undefined,
                projectCodes: trip.projects.map((p) => p.code),
              }
            : { people: me ? [me.user.username] : [], from: todayDay(), to: todayDay(), visits: [] }
        }
      >
        <Form.Item name="people" label={t('tripPeople')} extra={t('tripPeopleHint')} rules={[{ required: true, message: t('required') }]}>
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            loading={team.isLoading}
            data-testid="trip-people"
            options={(team.data?.items ?? []).map((p) => ({ value: p.username, label: `${p.displayName}（${p.unitName}）` }))}
          />
        </Form.Item>
        <Space.Compact block style={{ gap: 8 }}>
          <Form.Item
            name="from"
            label={reception ? t('receptionOn') : t('tripFrom')}
            rules={[{ required: true, message: t('required') }]}
            style={{ flex: 1 }}
          >
            <DatePicker
              inputReadOnly={phone}
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(todayDay(), 'day')}
              data-testid="trip-from"
            />
          </Form.Item>
          {!reception && (
            <Form.Item name="to" label={t('tripTo')} rules={[{ required: true, message: t('required') }]} style={{ flex: 1 }}>
              <DatePicker inputReadOnly={phone} style={{ width: '100%' }} data-testid="trip-to" />
            </Form.Item>
          )}
        </Space.Compact>
        <Form.Item
          name="destination"
          label={reception ? t('visitorsFrom') : t('destination')}
          rules={[{ required: true, whitespace: true, message: t('required') }]}
        >
          <Input maxLength={100} data-testid="trip-destination" />
        </Form.Item>
        {!reception && (
          <Form.Item name="abroad" label={t('abroad')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        {reception && (
          <Form.Item name="visitors" label={t('visitors')}>
            <Input maxLength={500} />
          </Form.Item>
        )}
        <Form.Item name="purpose" label={t('purpose')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="trip-purpose" />
        </Form.Item>
        <Typography.Text strong>{t('tripVisits')}</Typography.Text>
        <Form.List name="visits">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item name={[field.name, 'company']} style={{ marginBottom: 4, width: phone ? 140 : 220 }}>
                    <Input placeholder={t('visitCompany')} maxLength={200} data-testid="visit-company" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'summary']} style={{ marginBottom: 4, width: phone ? 150 : 300 }}>
                    <Input placeholder={t('visitSummary')} maxLength={2000} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} style={{ marginTop: phone ? 12 : 8 }} />
                </Space>
              ))}
              <Button
                type="dashed"
                onClick={() => add()}
                icon={<PlusOutlined />}
                block
                style={{ margin: '8px 0 16px' }}
                data-testid="visit-add"
              >
                {t('addVisit')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="results" label={t('tripResults')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="trip-results" />
        </Form.Item>
        <Form.Item name="nextSteps" label={t('tripNextSteps')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="projectCodes" label={t('tripProjects')}>
          <Select mode="tags" placeholder={t('tripProjectsHint')} tokenSeparators={[',', '，', ' ']} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
