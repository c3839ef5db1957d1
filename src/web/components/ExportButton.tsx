import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { download } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { errorText } from './ResultPages.tsx';

/** 导出 Excel of a list (`url`: the export route with the filters the page shows, from urlOf); only for those who may export. */
export function ExportButton({ url, label }: { url: string; label?: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!can('business:export')) return null;
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      data-testid="export-excel"
      onClick={() => {
        setBusy(true);
        download(url)
          .catch((e) => message.error(errorText(e)))
          .finally(() => setBusy(false));
      }}
    >
      {label ?? t('exportExcel')}
    </Button>
  );
}
