import { FileExcelOutlined, FileWordOutlined, PrinterOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { BLOCKER_TYPE_LABELS, type BlockerType } from '../../shared/blockers/rules.ts';
import { lateText } from '../../shared/reporting/periods.ts';
import type { BulletinContent, BulletinRow, ListedProject } from '../../server/bulletins/snapshot.ts';
import { api, download, query } from '../api.ts';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useI18n } from '../i18n.tsx';
import { beijingTime, useQueryParams } from '../reporting.ts';
import { useSession } from '../session.tsx';
import { todayDay } from '../time.ts';

interface Listed {
  id: number;
  unitCode: string;
  period: string;
  number: number;
  title: string;
  issuedBy: string;
  issuedAt: string;
}

/** 通报: issue the month's bulletin of a unit (frozen once issued), and open the earlier ones. */
export function BulletinsPage() {
  const { t, l } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params, set] = useQueryParams();
  const unit = params.get('unit') ?? me?.unit.code ?? '';
  const [period, setPeriod] = useState(todayDay());
  const list = useQuery({ queryKey: ['bulletins', unit], queryFn: () => api.get<{ items: Listed[] }>(`/api/v1/bulletins${query({ unit })}`) });
  const issue = useMutation({
    mutationFn: () => api.post<{ id: number }>('/api/v1/bulletins', { unit, period: period.format('YYYY-MM') }),
    onSuccess: async (result) => {
      message.success(l({ zh: '通报已签发', en: 'Bulletin issued' }));
      await client.invalidateQueries({ queryKey: ['bulletins'] });
      navigate(`/bulletins/${result.id}`);
    },
    onError: (error) => message.error(errorText(error)),
  });
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Card
      title={t('bulletins')}
      extra={
        <Space wrap>
          <UnitSelect value={unit} onChange={(v) => set('unit', v)} style={{ width: 220 }} />
          {(can('business:write') || can('business:review')) && (
            <>
              <DatePicker picker="month" value={period} allowClear={false} disabledDate={(d) => d.isAfter(todayDay(), 'month')} onChange={(v) => v && setPeriod(v)} />
              <Button type="primary" icon={<SendOutlined />} loading={issue.isPending} onClick={() => issue.mutate()} data-testid="issue-bulletin">
                {l({ zh: '签发通报', en: 'Issue bulletin' })}
              </Button>
            </>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{l({ zh: '签发时冻结全部内容；之后数据如何变化，已签发的通报都不变。', en: 'Issuing freezes the content: an issued bulletin never changes afterwards.' })}</Typography.Paragraph>
      <Table<Listed>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        data-testid="bulletins-table"
        columns={[
          { title: l({ zh: '通报', en: 'Bulletin' }), render: (_, row) => <Link to={`/bulletins/${row.id}`}>{`${row.title}（第${row.number}期）`}</Link> },
          { title: t('period'), dataIndex: 'period', width: 100 },
          { title: l({ zh: '签发', en: 'Issued' }), width: 220, render: (_, row) => `${beijingTime(row.issuedAt)} · ${row.issuedBy}` },
        ]}
      />
    </Card>
  );
}

const yi = (wan: number) => (wan / 10_000).toFixed(2);
const pct = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const pts = (value: number | null) => (value === null ? '—' : `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}`);

const docStyle: React.CSSProperties = { fontFamily: '"FangSong", "仿宋_GB2312", "仿宋", "Noto Serif CJK SC", serif', fontSize: 16, lineHeight: 1.9, maxWidth: 900, margin: '0 auto', background: '#fff', padding: '40px 56px' };
const h1: React.CSSProperties = { fontFamily: '"SimHei", "黑体", "Noto Sans CJK SC", sans-serif', fontSize: 16, margin: '18px 0 6px' };

/** The bulletin as issued (HTML preview): the same frozen content as the .docx and .xlsx, printable. */
export function BulletinPage() {
  const { id } = useParams();
  const { l, lang } = useI18n();
  const { message } = App.useApp();
  const bulletin = useQuery({ queryKey: ['bulletin', id], queryFn: () => api.get<BulletinContent & { id: number; previousId: number | null }>(`/api/v1/bulletins/${id}`) });
  if (bulletin.error) return <QueryError error={bulletin.error} onRetry={() => void bulletin.refetch()} />;
  const b = bulletin.data;
  if (!b) return <Card loading />;
  const t = b.total;
  const ranked = [...b.rows].sort((x, y) => (x.rank ?? 999) - (y.rank ?? 999));
  const move = (r: BulletinRow) => (r.rank === null || r.previousRank === null ? '' : r.rank < r.previousRank ? `↑${r.previousRank - r.rank}` : r.rank > r.previousRank ? `↓${r.rank - r.previousRank}` : '—');
  const projectList = (list: ListedProject[]) => (list.length ? <Table size="small" pagination={false} rowKey="code" dataSource={list} columns={[{ title: '项目名称', render: (_: unknown, p: ListedProject) => <Link to={`/projects/${p.code}`}>{p.name}</Link> }, { title: '所属单位', dataIndex: 'unitName' }, { title: '总投资（万元）', dataIndex: 'totalInvestmentWan', align: 'right' as const, render: (v: number) => Math.round(v).toLocaleString('zh-CN') }, { title: '日期', dataIndex: 'date' }]} /> : <p>无。</p>);
  const fail = (e: unknown) => message.error(errorText(e));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" className="no-print">
        <Space wrap>
          <Button icon={<FileWordOutlined />} onClick={() => void download(`/api/v1/bulletins/${id}/docx`).catch(fail)} data-testid="bulletin-docx">
            {l({ zh: '下载 Word', en: 'Word' })}
          </Button>
          <Button icon={<FileExcelOutlined />} onClick={() => void download(`/api/v1/bulletins/${id}/xlsx`).catch(fail)} data-testid="bulletin-xlsx">
            {l({ zh: '下载 Excel', en: 'Excel' })}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {l({ zh: '打印', en: 'Print' })}
          </Button>
          {b.previousId && <Link to={`/bulletins/${b.previousId}`}>{l({ zh: '上一期', en: 'Previous' })}</Link>}
          <Typography.Text type="secondary">{l({ zh: `签发：${beijingTime(b.issuedAt)} ${b.issuedBy}（内容已冻结）`, en: `Issued ${beijingTime(b.issuedAt)} by ${b.issuedBy} (frozen)` })}</Typography.Text>
        </Space>
      </Card>
      <div style={docStyle} data-testid="bulletin-preview" lang="zh-CN">
        <p style={{ textAlign: 'center' }}>（第{b.number}期）</p>
        <h2 style={{ textAlign: 'center', fontFamily: '"FZXiaoBiaoSong-B05S", "方正小标宋简体", "Noto Serif CJK SC", serif', fontSize: 26, fontWeight: 'normal' }}>{b.title}</h2>
        <div style={h1}>一、总体情况</div>
        <p style={{ textIndent: '2em' }}>
          截至{b.asOf}，{b.unit.name}纳入调度的项目{t.projects}个，总投资{yi(t.totalInvestmentWan)}亿元，年度计划投资{yi(t.annualPlanWan)}亿元；本月完成投资{yi(t.monthWan)}亿元，年初至今累计完成{yi(t.ytdWan)}亿元，完成年度计划的{pct(t.completion)}，较序时进度（{pct(b.schedule)}）{pts(t.points)}个百分点。本月新签约{t.newSigned}个、新注册{t.newRegistered}个、新开工{t.newStarted}个、新投产{t.newProducing}个。
        </p>
        <div style={h1}>二、各板块推进情况</div>
        <p style={{ textAlign: 'right', fontSize: 12 }}>单位：个、万元</p>
        <Table<BulletinRow>
          size="small"
          pagination={false}
          rowKey="unitCode"
          dataSource={ranked}
          data-testid="bulletin-rows"
          columns={[
            { title: '排名', dataIndex: 'rank', width: 50, render: (v: number | null) => v ?? '—' },
            { title: '升降', width: 50, render: (_, r) => move(r) },
            { title: '板块', dataIndex: 'unitName' },
            { title: '项目个数', dataIndex: 'projects', align: 'right' },
            { title: '总投资', dataIndex: 'totalInvestmentWan', align: 'right', render: (v: number) => Math.round(v).toLocaleString('zh-CN') },
            { title: '年度计划', dataIndex: 'annualPlanWan', align: 'right', render: (v: number) => Math.round(v).toLocaleString('zh-CN') },
            { title: '累计完成', dataIndex: 'ytdWan', align: 'right', render: (v: number) => Math.round(v).toLocaleString('zh-CN') },
            { title: '完成年度%', dataIndex: 'completion', align: 'right', render: pct },
            { title: '较序时', dataIndex: 'points', align: 'right', render: pts },
            { title: '本期新增', dataIndex: 'newProjects', align: 'right' },
          ]}
        />
        <div style={h1}>三、新签约、新开工、新投产项目</div>
        <p>（一）新签约项目{b.signed.length}个</p>
        {projectList(b.signed)}
        <p>（二）新开工项目{b.started.length}个</p>
        {projectList(b.started)}
        <p>（三）新投产项目{b.producing.length}个</p>
        {projectList(b.producing)}
        <div style={h1}>四、停滞和节点逾期项目</div>
        <p style={{ textIndent: '2em' }}>
          停滞（只开工不施工）项目{b.stalledCount}个，节点逾期项目{b.overdueCount}个{b.stalledCount + b.overdueCount > b.stalled.length + b.overdue.length ? '，以下列出总投资最大的各20个' : ''}。
        </p>
        {[...b.stalled, ...b.overdue].length ? (
          <ul>
            {[...b.stalled, ...b.overdue].map((p) => (
              <li key={`${p.code}-${p.note}`}>
                <Link to={`/projects/${p.code}`}>{p.name}</Link>（{p.unitName}）：{p.note}
              </li>
            ))}
          </ul>
        ) : (
          <p>无。</p>
        )}
        <div style={h1}>五、问题清单办理情况</div>
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={b.blockers}
          data-testid="bulletin-blockers"
          columns={[
            { title: '项目', dataIndex: 'projectName' },
            { title: '问题', render: (_: unknown, x: BulletinContent['blockers'][number]) => `【${BLOCKER_TYPE_LABELS[x.type as BlockerType]?.zh ?? x.type}】${x.description}` },
            { title: '责任部门', render: (_: unknown, x: BulletinContent['blockers'][number]) => x.departments.join('、') },
            { title: '办结时限', dataIndex: 'deadline' },
            { title: '状态', render: (_: unknown, x: BulletinContent['blockers'][number]) => <Tag color={x.status === 'closed' ? 'green' : x.overdueDays ? 'red' : 'orange'}>{x.statusLabel}{x.overdueDays ? `（逾期${x.overdueDays}天）` : ''}</Tag> },
          ]}
        />
        <div style={h1}>六、填报报送情况</div>
        {b.compliance.length ? (
          <Table size="small" pagination={false} rowKey="unitName" dataSource={b.compliance} columns={[{ title: '单位', dataIndex: 'unitName' }, { title: '应报', dataIndex: 'due' }, { title: '按时', dataIndex: 'onTime' }, { title: '逾期', dataIndex: 'late' }, { title: '未报', dataIndex: 'missing' }, { title: '逾期时长', dataIndex: 'lateHours', render: (v: number) => (v ? lateText(v, lang) : '—') }]} />
        ) : (
          <p>本月无到期填报任务。</p>
        )}
        <div style={h1}>七、与上期相比</div>
        <p style={{ textIndent: '2em' }} data-testid="bulletin-changes">
          {b.changes.previousPeriod
            ? `与${b.changes.previousPeriod}通报相比：${b.changes.movedUp.length ? `排名上升的有${b.changes.movedUp.join('、')}；` : ''}${b.changes.movedDown.length ? `排名下降的有${b.changes.movedDown.join('、')}；` : ''}新销号问题${b.changes.blockersClosed.length}个，新增问题${b.changes.blockersNew.length}个。`
            : '本期为首期通报。'}
        </p>
        {b.changes.blockersClosed.map((text) => (
          <p key={text} style={{ textIndent: '2em' }}>
            已销号：{text}
          </p>
        ))}
        <p style={{ textAlign: 'right', marginTop: 40 }}>{b.unit.name}</p>
        <p style={{ textAlign: 'right' }}>{b.issuedAt.slice(0, 10)}</p>
      </div>
    </Space>
  );
}
