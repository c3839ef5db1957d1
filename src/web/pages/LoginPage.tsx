import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import { call } from '../api/contract.ts';
import { errorText } from '../components/ResultPages.tsx';
import { useI18n } from '../i18n/index.tsx';
import { ME_KEY } from '../session.tsx';

export function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const state = location.state as { from?: string; expired?: boolean } | null;
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // the password was right; the authenticator's code is still to come
  const [challenge, setChallenge] = useState<string | null>(null);
  const [useRecovery, setUseRecovery] = useState(false);

  const enter = async () => {
    await client.invalidateQueries({ queryKey: ME_KEY });
    navigate(state?.from && state.from !== '/login' ? state.from : '/', { replace: true });
  };
  const submit = async (values: { username: string; password: string }) => {
    setSubmitting(true);
    setError(null);
    try {
      await call('POST /api/v1/auth/login', { body: values });
      await enter();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'TOTP_REQUIRED') setChallenge((e.details as { challenge: string }).challenge);
      else setError(errorText(e));
    } finally {
      setSubmitting(false);
    }
  };
  const submitCode = async (values: { code: string }) => {
    setSubmitting(true);
    setError(null);
    try {
      await call('POST /api/v1/auth/login/totp', {
        body: useRecovery ? { challenge, recoveryCode: values.code } : { challenge, code: values.code },
      });
      await enter();
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError && e.status === 401 && !(e.code === 'TOTP_INVALID')) setChallenge(null);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg, #0f3f8c 0%, #1d5fbf 55%, #3a8ee6 100%)',
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <Segmented
          value={lang}
          onChange={(v) => setLang(v as 'zh' | 'en')}
          options={[
            { label: '中文', value: 'zh' },
            { label: 'EN', value: 'en' },
          ]}
          data-testid="lang-switch"
        />
      </div>
      <Card style={{ width: 400, boxShadow: '0 8px 32px rgba(0,0,0,.2)' }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          {t('appName')} · {t('appTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('loginSubtitle')}
        </Typography.Paragraph>
        {state?.expired && !error && <Alert type="warning" showIcon message={t('sessionExpired')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        {challenge ? (
          <Form layout="vertical" onFinish={submitCode} requiredMark={false} key={useRecovery ? 'recovery' : 'code'}>
            <Typography.Paragraph>{useRecovery ? t('recoveryCodeHint') : t('totpCodeHint')}</Typography.Paragraph>
            <Form.Item
              name="code"
              label={useRecovery ? t('recoveryCode') : t('totpCode')}
              rules={[
                { required: true, message: useRecovery ? t('recoveryCodeRequired') : t('totpCodeRequired') },
                ...(useRecovery ? [] : [{ pattern: /^\s*\d{6}\s*$/, message: t('totpCodeFormat') }]),
              ]}
            >
              <Input
                prefix={<SafetyOutlined />}
                autoComplete="one-time-code"
                inputMode={useRecovery ? 'text' : 'numeric'}
                maxLength={useRecovery ? 20 : 8}
                autoFocus
                data-testid="totp-code"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="totp-submit">
              {t('verify')}
            </Button>
            <Space style={{ marginTop: 12, width: '100%', justifyContent: 'space-between' }}>
              <Button type="link" size="small" onClick={() => setUseRecovery((v) => !v)}>
                {useRecovery ? t('useAuthenticator') : t('useRecoveryCode')}
              </Button>
              <Button type="link" size="small" onClick={() => setChallenge(null)}>
                {t('backToPassword')}
              </Button>
            </Space>
          </Form>
        ) : (
          <Form layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="username" label={t('username')} rules={[{ required: true, message: t('usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              {t('login')}
            </Button>
          </Form>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
          {t('demoHint')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
