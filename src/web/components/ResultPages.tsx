import { Alert, Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

export function ForbiddenPage({ message }: { message?: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t('forbiddenTitle')}
      subTitle={message}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('backHome')}
        </Button>
      }
    />
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('notFoundTitle')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('backHome')}
        </Button>
      }
    />
  );
}

/** Shows a failed query: a 403 as an access-denied page, a 404 as not found, anything else as an alert with retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (error instanceof ApiError && error.status === 403) return <ForbiddenPage message={error.message} />;
  // an object outside the user's units answers exactly as one that does not exist
  if (error instanceof ApiError && error.status === 404)
    return <Result status="404" title={t('recordNotFoundTitle')} subTitle={t('recordNotFoundHint')} />;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert
      type="error"
      showIcon
      message={message}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
