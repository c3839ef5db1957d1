import { PrinterOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Space, Spin } from 'antd';
import type { CSSProperties } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { FIELD_LABELS, fieldValueText } from '../../shared/projects/fields.ts';
import { industryName } from '../../shared/projects/classification.ts';
import { STAGES } from '../../shared/projects/stages.ts';
import type { BlockerType } from '../../shared/blockers/rules.ts';
import { useApi } from '../api/hooks.ts';
import { QueryError } from '../components/ResultPages.tsx';
import { useI18n } from '../i18n/index.tsx';
import { yi } from '../ledger.ts';
import { formatDateTime } from '../time.ts';

const cell: CSSProperties = { border: '1px solid #8c8c8c', padding: '6px 8px', verticalAlign: 'top', fontSize: 13 };
const head: CSSProperties = { ...cell, background: '#f5f5f5', width: '14%', whiteSpace: 'nowrap', fontWeight: 600 };

function HeadRow({ titles }: { titles: string[] }) {
  return (
    <thead>
      <tr>
        {titles.map((title) => (
          <th key={title} style={{ ...head, width: undefined }}>
            {title}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The record's fields as the sheet prints them, in pairs per line. */
const FIELDS = [
  'unitCode',
  'investorName',
  'capitalType',
  'projectType',
  'chain',
  'levels',
  'sponsorLeader',
  'responsibleUnit',
  'leadSource',
  'referrer',
  'landMu',
  'expectedJobs',
] as const;

/**
 * 项目信息表: one project on A4, as it goes into a meeting's papers — its record, the dates of its stages, the last
 * months' progress and the open blockers; printed from the browser (text stays text).
 */
export function ProjectPrintPage() {
  const { code = '' } = useParams();
  const { t, l, lang } = useI18n();
  const navigate = useNavigate();
  const detail = useApi('GET /api/v1/projects/:code', { params: { code } });
  const progress = useApi('GET /api/v1/projects/:code/progress', { params: { code } });
  const blockers = useApi('GET /api/v1/blockers', { query: { project: code, status: 'open,in_progress,resolved' } });
  if (detail.error) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Spin style={{ display: 'block', margin: 64 }} />;
  const p = detail.data.project;
  const value = (field: (typeof FIELDS)[number]) =>
    field === 'unitCode' ? p.unitName : fieldValueText(field, (p as Record<string, unknown>)[field], lang);
  const pairs: (typeof FIELDS)[number][][] = [];
  for (let i = 0; i < FIELDS.length; i += 2) pairs.push(FIELDS.slice(i, i + 2) as (typeof FIELDS)[number][]);
  const months = (progress.data?.months ?? []).slice(0, 6);
  return (
    <div style={{ background: '#fff', color: '#000', maxWidth: 1000, margin: '0 auto', padding: 24 }} data-testid="project-print">
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print">
          {t('print')}
        </Button>
        <Button icon={<RollbackOutlined />} onClick={() => navigate(`/projects/${code}`)}>
          {t('backToProject')}
        </Button>
      </Space>
      <h2 style={{ textAlign: 'center', margin: '0 0 4px', fontSize: 22 }}>{t('projectSheetTitle')}</h2>
      <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 12, marginBottom: 8 }}>
        <span>
          {t('projectCode')}：{p.code}
        </span>
        <span>
          {t('printedAt')}：{formatDateTime(new Date().toISOString())}
        </span>
      </div>
      <table style={{ width: '100%', borderCollapse: 'collapse' }}>
        <tbody>
          <tr>
            <th style={head}>{l(FIELD_LABELS.name)}</th>
            <td style={cell} colSpan={3}>
              <strong>{p.name}</strong>
            </td>
          </tr>
          <tr>
            <th style={head}>{t('totalInvestmentYi')}</th>
            <td style={cell}>
              {yi(p.totalInvestmentWan)}
              {p.currency !== 'CNY' && p.totalInvestmentUsdWan !== null
                ? `（${p.totalInvestmentUsdWan.toLocaleString()} ${t('moneyUnit.usdWan')}）`
                : ''}
            </td>
            <th style={head}>{l(FIELD_LABELS.stage)}</th>
            <td style={cell}>
              {t(`stage.${p.stage}`)}
              {p.status !== 'normal' ? `（${t(`status.${p.status}`)}）` : ''}
            </td>
          </tr>
          <tr>
            <th style={head}>{l(FIELD_LABELS.industryDivision)}</th>
            <td style={cell} colSpan={3}>
              {industryName(p.industrySection, p.industryDivision) || '—'}
            </td>
          </tr>
          {pairs.map((pair) => (
            <tr key={pair.join()}>
              {pair.map((field) => [
                <th key={`${field}-h`} style={head}>
                  {l(FIELD_LABELS[field])}
                </th>,
                <td key={field} style={cell}>
                  {value(field)}
                </td>,
              ])}
            </tr>
          ))}
          <tr>
            <th style={head}>{l(FIELD_LABELS.content)}</th>
            <td style={{ ...cell, whiteSpace: 'pre-wrap' }} colSpan={3}>
              {p.content ?? '—'}
            </td>
          </tr>
          <tr>
            <th style={head}>{t('stageDates')}</th>
            <td style={cell} colSpan={3}>
              {STAGES.filter((s) => p.dates[s])
                .map((s) => `${t(`stage.${s}`)} ${p.dates[s]}`)
                .join('；') || '—'}
            </td>
          </tr>
        </tbody>
      </table>
      <h3 style={{ fontSize: 15, margin: '16px 0 6px' }}>{t('recentProgress')}</h3>
      <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="print-progress">
        <HeadRow titles={[t('month'), t('thisMonthWan'), t('ytdWan'), t('sinceStartWan'), t('imageProgress'), t('problems')]} />
        <tbody>
          {months.length === 0 ? (
            <tr>
              <td style={cell} colSpan={6}>
                {t('noProgressYet')}
              </td>
            </tr>
          ) : (
            months.map((m) => (
              <tr key={m.month}>
                <td style={cell}>{m.month}</td>
                <td style={{ ...cell, textAlign: 'right' }}>{m.investedWan.toLocaleString()}</td>
                <td style={{ ...cell, textAlign: 'right' }}>{m.ytdWan.toLocaleString()}</td>
                <td style={{ ...cell, textAlign: 'right' }}>{m.sinceStartWan.toLocaleString()}</td>
                <td style={cell}>{m.imageProgress ?? '—'}</td>
                <td style={cell}>{m.problems ?? '—'}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <h3 style={{ fontSize: 15, margin: '16px 0 6px' }}>{t('openBlockers')}</h3>
      <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="print-blockers">
        <HeadRow titles={[t('fieldType'), t('description'), t('department'), t('deadline'), t('status')]} />
        <tbody>
          {(blockers.data?.items ?? []).length === 0 ? (
            <tr>
              <td style={cell} colSpan={5}>
                {t('noOpenBlockers')}
              </td>
            </tr>
          ) : (
            blockers.data!.items.map((b) => (
              <tr key={b.id}>
                <td style={cell}>{t(`blockerType.${b.type as BlockerType}`)}</td>
                <td style={cell}>{b.description}</td>
                <td style={cell}>{b.departments.map((d) => d.name).join('、')}</td>
                <td style={cell}>{b.deadline ?? '—'}</td>
                <td style={cell}>{t(`blockerStatus.${b.status}`)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
