import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, DesktopOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { STAGES } from '../../shared/projects/stages.ts';
import type { AgendaItem } from '../../shared/api/meetings.ts';
import { download } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { call, urlOf } from '../api/contract.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { ExportButton } from '../components/ExportButton.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useQueryParams, wan } from '../reporting.ts';
import { useSession } from '../session.tsx';
import { RaiseBlockerModal } from './BlockersPage.tsx';
import { todayDay } from '../time.ts';

interface MeetingView {
  id: number;
  unit: string;
  unitName: string;
  title: string;
  heldOn: string;
  location: string | null;
  chair: string | null;
  attendees: string[];
  notes: string | null;
  version: number;
  items?: number;
  agenda?: AgendaItem[];
}

/** 调度会: the meetings of the user's unit and below; a new one draws its agenda from a filter. */
export function MeetingsPage() {
  const { t } = useI18n();
  const { me, can } = useSession();
  const [params, set] = useQueryParams();
  const unit = params.get('unit') ?? undefined;
  const [creating, setCreating] = useState(false);
  const list = useApi('GET /api/v1/meetings', { query: { unit } });
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Card
      title={t('meetings')}
      extra={
        <Space>
          <UnitSelect value={unit} onChange={(v) => set('unit', v)} allowClear placeholder={t('units')} style={{ width: 200 }} />
          <ExportButton url={urlOf('GET /api/v1/meetings/export', { query: { unit } })} />
          {(can('business:write') || can('business:review')) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-meeting">
              {t('newMeeting')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<MeetingView>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        data-testid="meetings-table"
        columns={[
          { title: t('meeting'), render: (_, m) => <Link to={`/meetings/${m.id}`}>{m.title}</Link> },
          { title: t('date'), dataIndex: 'heldOn', width: 110 },
          { title: t('chair'), dataIndex: 'chair', width: 120 },
          { title: t('meetingsProjects'), dataIndex: 'items', width: 90, align: 'right' },
          { title: t('units'), dataIndex: 'unitName', width: 140 },
        ]}
      />
      {creating && me && <NewMeetingModal unit={unit ?? me.unit.code} onClose={() => setCreating(false)} />}
    </Card>
  );
}

function NewMeetingModal({ unit, onClose }: { unit: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<{
    title: string;
    heldOn: dayjs.Dayjs;
    location?: string;
    chair?: string;
    attendees?: string[];
    scope?: string;
    stages?: string[];
    sponsorLeader?: string;
  }>();
  const create = useMutation({
    mutationFn: (v: {
      title: string;
      heldOn: dayjs.Dayjs;
      location?: string;
      chair?: string;
      attendees?: string[];
      scope?: string;
      stages?: string[];
      sponsorLeader?: string;
    }) =>
      call('POST /api/v1/meetings', {
        body: {
          unit,
          title: v.title,
          heldOn: v.heldOn.format('YYYY-MM-DD'),
          location: v.location ?? null,
          chair: v.chair ?? null,
          attendees: v.attendees ?? [],
          agenda: {
            ...(v.scope ? { unit: v.scope } : {}),
            ...(v.stages?.length ? { stages: v.stages } : {}),
            ...(v.sponsorLeader?.trim() ? { sponsorLeader: v.sponsorLeader.trim() } : {}),
          },
        },
      }),
    onSuccess: async (result) => {
      await client.invalidateQueries({ queryKey: ['meetings'] });
      navigate(`/meetings/${result.id}`);
    },
    onError: (error) => message.error(errorText(error)),
  });
  return (
    <Modal
      title={t('newMeeting')}
      open
      width={640}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'meeting-save' } as never}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ heldOn: todayDay(), stages: ['negotiating', 'signed', 'started'] }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="title" label={t('title')} rules={[{ required: true, max: 100 }]}>
          <Input placeholder={t('eGMajorProjectsReview')} data-testid="meeting-title" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="heldOn" label={t('date')} rules={[{ required: true, message: t('dateRequired', { what: t('meetings') }) }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="chair" label={t('chair')}>
            <Input style={{ width: 160 }} maxLength={40} />
          </Form.Item>
          <Form.Item name="location" label={t('place')}>
            <Input style={{ width: 200 }} maxLength={100} />
          </Form.Item>
        </Space>
        <Form.Item name="attendees" label={t('attendees')}>
          <Select mode="tags" tokenSeparators={['，', ',', '、']} />
        </Form.Item>
        <Typography.Text strong>{t('agendaDrawnByFilterReorderable')}</Typography.Text>
        <Space wrap style={{ marginTop: 8 }}>
          <Form.Item name="scope" label={t('scope')}>
            <UnitSelect allowClear style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="stages" label={t('stages')}>
            <Select mode="multiple" style={{ minWidth: 240 }} options={STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))} />
          </Form.Item>
          <Form.Item name="sponsorLeader" label={t('sponsor')}>
            <Input style={{ width: 140 }} maxLength={40} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** One meeting: the agenda (reorder, decision per project, blockers raised here), presentation mode and minutes. */
export function MeetingPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const detail = useApi('GET /api/v1/meetings/:id', { params: { id } });
  const [raisingFor, setRaisingFor] = useState<string | null>(null);
  const [decisions, setDecisions] = useState<Record<string, string>>({});
  const refresh = () => client.invalidateQueries({ queryKey: ['meetings'] });
  const reorder = useMutation({
    mutationFn: (codes: string[]) => {
      const m = detail.data!;
      return call('PUT /api/v1/meetings/:id', {
        params: { id },
        body: {
          title: m.title,
          heldOn: m.heldOn,
          location: m.location,
          chair: m.chair,
          attendees: m.attendees,
          notes: m.notes,
          version: m.version,
          projectCodes: codes,
        },
      });
    },
    onSuccess: refresh,
    onError: (error) => message.error(errorText(error)),
  });
  const decide = useMutation({
    mutationFn: ({ code, decision }: { code: string; decision: string }) =>
      call('PUT /api/v1/meetings/:id/items/:code', { params: { id, code }, body: { decision } }),
    onSuccess: async () => {
      message.success(t('decisionRecorded'));
      await refresh();
    },
    onError: (error) => message.error(errorText(error)),
  });
  if (detail.error) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  const m = detail.data;
  if (!m) return <Card loading />;
  const editable = can('business:write') || can('business:review');
  const codes = m.agenda.map((i) => i.project.code);
  const move = (index: number, by: number) => {
    const next = [...codes];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    reorder.mutate(next);
  };
  return (
    <Card
      title={
        <Space>
          {m.title}
          <Tag>{m.heldOn}</Tag>
        </Space>
      }
      extra={
        <Space wrap>
          <Button
            type="primary"
            icon={<DesktopOutlined />}
            disabled={!m.agenda.length}
            onClick={() => navigate(`/meetings/${id}/present`)}
            data-testid="present"
          >
            {t('present')}
          </Button>
          <Button
            icon={<FileWordOutlined />}
            onClick={() =>
              void download(urlOf('GET /api/v1/meetings/:id/minutes.docx', { params: { id } })).catch((e: unknown) =>
                message.error(errorText(e)),
              )
            }
            data-testid="minutes"
          >
            {t('minutes')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {[
          m.chair && t('meetingsChair', { chair: m.chair }),
          m.location,
          m.attendees.length ? t('meetingAttendees', { attendees: m.attendees.join(t('listSeparator')) }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Paragraph>
      {!m.agenda.length && <Empty description={t('noProjectMatchedTheAgenda')} />}
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {m.agenda.map((item, index) => (
          <Card
            key={item.project.code}
            size="small"
            data-testid={`agenda-${item.project.code}`}
            title={
              <Space wrap>
                <span>{index + 1}.</span>
                <Link to={`/projects/${item.project.code}`}>{item.project.name}</Link>
                <Tag>{t(`stage.${item.project.stage}`)}</Tag>
                <Typography.Text type="secondary">{`${item.project.unitName} · ${wan(item.project.totalInvestmentWan)} ${t('moneyUnit.wan')}`}</Typography.Text>
              </Space>
            }
            extra={
              editable && (
                <Space>
                  <Button
                    size="small"
                    icon={<ArrowUpOutlined />}
                    disabled={index === 0 || reorder.isPending}
                    onClick={() => move(index, -1)}
                    aria-label="up"
                  />
                  <Button
                    size="small"
                    icon={<ArrowDownOutlined />}
                    disabled={index === codes.length - 1 || reorder.isPending}
                    onClick={() => move(index, 1)}
                    aria-label="down"
                  />
                  <Button
                    size="small"
                    icon={<DeleteOutlined />}
                    danger
                    disabled={reorder.isPending}
                    onClick={() => reorder.mutate(codes.filter((c) => c !== item.project.code))}
                    aria-label="remove"
                  />
                </Space>
              )
            }
          >
            {item.blockers.length > 0 && (
              <div style={{ marginBottom: 8 }}>
                {item.blockers.map((b) => (
                  <div key={b.id}>
                    <Tag color={b.status === 'closed' ? 'green' : b.overdueDays ? 'red' : 'orange'}>{t(`blockerStatus.${b.status}`)}</Tag>
                    {b.description}
                    {t('parens', { text: [b.departments.join(t('listSeparator')), b.deadline].filter(Boolean).join(t('listSeparator')) })}
                    {b.raisedHere && <Tag color="blue">{t('raisedHere')}</Tag>}
                  </div>
                ))}
              </div>
            )}
            {editable ? (
              <Space.Compact style={{ width: '100%' }}>
                <Input.TextArea
                  autoSize
                  placeholder={t('decision')}
                  value={decisions[item.project.code] ?? item.decision ?? ''}
                  onChange={(e) => setDecisions((d) => ({ ...d, [item.project.code]: e.target.value }))}
                  data-testid={`decision-${item.project.code}`}
                />
                <Button
                  onClick={() => decide.mutate({ code: item.project.code, decision: decisions[item.project.code] ?? item.decision ?? '' })}
                  data-testid={`save-decision-${item.project.code}`}
                >
                  {t('record')}
                </Button>
                <Button onClick={() => setRaisingFor(item.project.code)} data-testid={`raise-${item.project.code}`}>
                  {t('raiseBlocker')}
                </Button>
              </Space.Compact>
            ) : (
              item.decision && <Typography.Paragraph>{item.decision}</Typography.Paragraph>
            )}
          </Card>
        ))}
      </Space>
      {raisingFor && (
        <RaiseBlockerModal
          projectCode={raisingFor}
          meetingId={m.id}
          onClose={() => {
            setRaisingFor(null);
            void refresh();
          }}
        />
      )}
    </Card>
  );
}

/**
 * 过堂 presentation: full screen, one project per page — key facts, milestones planned vs actual, progress, open
 * blockers, earlier decisions — in type large enough for a projector; ← → / PageUp PageDown / space to move, Esc to leave.
 */
export function MeetingPresentation() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { t } = useI18n();
  const detail = useApi('GET /api/v1/meetings/:id', { params: { id } });
  const [page, setPage] = useState(0);
  const count = detail.data?.agenda.length ?? 0;
  const go = useCallback((by: number) => setPage((p) => Math.max(0, Math.min(count - 1, p + by))), [count]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (['ArrowRight', 'PageDown', ' ', 'ArrowDown'].includes(event.key)) go(1);
      else if (['ArrowLeft', 'PageUp', 'ArrowUp'].includes(event.key)) go(-1);
      else if (event.key === 'Home') setPage(0);
      else if (event.key === 'End') setPage(count - 1);
      else if (event.key === 'Escape') navigate(`/meetings/${id}`);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, count, id, navigate]);
  useEffect(() => {
    void document.documentElement.requestFullscreen?.().catch(() => undefined);
    return () => {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, []);
  if (detail.error) return <QueryError error={detail.error} />;
  const item = detail.data?.agenda[page];
  if (!detail.data || !item) return <Card loading />;
  const big: React.CSSProperties = { fontSize: 22, lineHeight: 1.7 };
  return (
    <div
      style={{ position: 'fixed', inset: 0, zIndex: 2000, background: '#0b1f3a', color: '#fff', padding: '36px 56px', overflow: 'auto' }}
      data-testid="presentation"
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', opacity: 0.75, fontSize: 18 }}>
        <span>{detail.data.title}</span>
        <span data-testid="presentation-page">
          {page + 1} / {count}
        </span>
      </div>
      <h1 style={{ color: '#fff', fontSize: 40, margin: '18px 0 6px' }} data-testid="presentation-project">
        {item.project.name}
      </h1>
      <div style={{ ...big, opacity: 0.9 }}>
        {item.project.unitName} · {t(`stage.${item.project.stage}`)} · {t('meetingsTotal')}{' '}
        {(item.project.totalInvestmentWan / 10_000).toFixed(2)} {t('moneyUnit.yi')} · {item.project.investorName}
        {item.project.sponsorLeader ? ` · ${t('sponsor')} ${item.project.sponsorLeader}` : ''}
      </div>
      {item.project.content && <div style={{ ...big, opacity: 0.8 }}>{item.project.content}</div>}
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 32, marginTop: 24 }}>
        <div>
          <h2 style={{ color: '#ffd666', fontSize: 26 }}>{t('milestonesPlannedActual')}</h2>
          {item.milestones
            .filter((ms) => ms.planned || ms.actual)
            .map((ms) => (
              <div key={ms.key} style={{ ...big, color: ms.late ? '#ff7875' : '#fff' }}>
                {t(`stage.${ms.key}`)}
                {t('colon')}
                {ms.planned ?? '—'} / {ms.actual ?? (ms.late ? t('meetingsLate') : '—')}
              </div>
            ))}
          <h2 style={{ color: '#ffd666', fontSize: 26, marginTop: 20 }}>{t('investment', { year: item.progress.year })}</h2>
          <div style={big}>
            {t('plan')} {item.progress.planWan === null ? '—' : `${wan(item.progress.planWan)} ${t('moneyUnit.wan')}`}
            {t('listSeparator')}
            {t('done')} {wan(item.progress.ytdWan)} {t('moneyUnit.wan')}
            {item.progress.planWan ? t('parens', { text: `${((item.progress.ytdWan / item.progress.planWan) * 100).toFixed(1)}%` }) : ''}
          </div>
          {item.progress.imageProgress && (
            <div style={big}>
              {t('progress')}
              {t('colon')}
              {item.progress.imageProgress}
            </div>
          )}
        </div>
        <div>
          <h2 style={{ color: '#ffd666', fontSize: 26 }}>
            {t('meetingsBlockers')}
            {t('parens', { text: item.blockers.filter((b) => b.status !== 'closed').length })}
          </h2>
          {item.blockers.length ? (
            item.blockers.map((b) => (
              <div key={b.id} style={{ ...big, color: b.overdueDays ? '#ff7875' : '#fff' }}>
                {t('bracketed', { text: t(`blockerStatus.${b.status}`) })}
                {b.description}
                {t('parens', { text: [b.departments.join(t('listSeparator')), b.deadline].filter(Boolean).join(t('listSeparator')) })}
              </div>
            ))
          ) : (
            <div style={big}>{t('none')}</div>
          )}
          <h2 style={{ color: '#ffd666', fontSize: 26, marginTop: 20 }}>{t('earlierDecisions')}</h2>
          {item.earlierDecisions.length ? (
            item.earlierDecisions.map((d) => (
              <div key={`${d.heldOn}-${d.meetingTitle}`} style={big}>{`${d.heldOn} ${d.meetingTitle}${t('colon')}${d.decision}`}</div>
            ))
          ) : (
            <div style={big}>{t('none')}</div>
          )}
          {item.decision && (
            <>
              <h2 style={{ color: '#95de64', fontSize: 26, marginTop: 20 }}>{t('decidedToday')}</h2>
              <div style={big}>{item.decision}</div>
            </>
          )}
        </div>
      </div>
      <div
        style={{
          position: 'fixed',
          bottom: 18,
          left: 56,
          right: 56,
          display: 'flex',
          justifyContent: 'space-between',
          opacity: 0.6,
          fontSize: 16,
        }}
      >
        <span>{t('toMoveEscToLeave')}</span>
        <span>
          <Button ghost size="small" onClick={() => go(-1)} disabled={page === 0}>
            {t('previous')}
          </Button>{' '}
          <Button ghost size="small" onClick={() => go(1)} disabled={page === count - 1}>
            {t('next')}
          </Button>
        </span>
      </div>
    </div>
  );
}
