import { yiLabel } from '../../shared/money.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../api/hooks.ts';
import { call, urlOf } from '../api/contract.ts';
import { ExportButton } from '../components/ExportButton.tsx';
import { errorText, QueryError } from '../components/ResultPages.tsx';
import { useI18n } from '../i18n/index.tsx';

interface Side {
  code: string;
  name: string;
  investorName: string;
  unitCode: string;
  totalInvestmentWan: number;
}
interface Flag {
  id: string;
  reason: 'credit_code' | 'similar_name' | 'similar_investor';
  score: number;
  project: Side | null;
  other: Side | null;
}

function SideCell({ side }: { side: Side | null }) {
  const { lang } = useI18n();
  if (!side) return <span>—</span>;
  return (
    <div>
      <Link to={`/projects/${side.code}`}>{side.name}</Link>
      <div style={{ fontSize: 12, color: '#888' }}>
        {side.code} · {side.investorName} · {yiLabel(side.totalInvestmentWan / 10_000, lang)}
      </div>
    </div>
  );
}

export function DuplicatesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const list = useApi('GET /api/v1/projects/duplicates/open');
  const resolve = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'merge' | 'dismiss' }) =>
      call('POST /api/v1/projects/duplicates/:id/resolve', { params: { id }, body: { action } }),
    onSuccess: async () => {
      message.success(t('saved'));
      await client.invalidateQueries({ queryKey: ['projects'] });
    },
    onError: (e) => message.error(errorText(e)),
  });
  if (list.error) return <QueryError error={list.error} />;
  return (
    <Card title={t('duplicates')} extra={<ExportButton url={urlOf('GET /api/v1/projects/duplicates/export')} />}>
      <Table<Flag>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: t('projects'), render: (_, f) => <SideCell side={f.project} /> },
          { title: t('duplicateOf'), render: (_, f) => <SideCell side={f.other} /> },
          { title: t('reason'), width: 120, render: (_, f) => <Tag>{t(`duplicateReason.${f.reason}`)}</Tag> },
          { title: t('similarity'), dataIndex: 'score', width: 90, render: (v: number) => `${Math.round(v * 100)}%` },
          {
            title: t('actions'),
            width: 200,
            render: (_, f) => (
              <Space>
                <Popconfirm
                  title={`${t('merge')}${t('colon')}${f.project?.name ?? ''} → ${f.other?.code ?? ''}`}
                  onConfirm={() => resolve.mutate({ id: f.id, action: 'merge' })}
                  okText={t('yes')}
                  cancelText={t('no')}
                >
                  <Button size="small" danger>
                    {t('merge')}
                  </Button>
                </Popconfirm>
                <Button size="small" onClick={() => resolve.mutate({ id: f.id, action: 'dismiss' })}>
                  {t('dismiss')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
