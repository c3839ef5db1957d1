import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../api/contract.ts';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { errorText } from './ResultPages.tsx';

interface Setup {
  secret: string;
  otpauthUrl: string;
  qrSvg: string;
}

/**
 * The user's authenticator: set it up (QR code drawn by the server, the key for typing in, a first code to confirm),
 * then the ten recovery codes shown once; or, when on, new recovery codes and — where not required — turning it off.
 * `forced`: the 等保 profile requires it and nothing else works until it is done.
 */
export function TotpModal({ open, forced, onClose }: { open: boolean; forced?: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { me, refresh } = useSession();
  const { message } = App.useApp();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ code: string; password: string }>();
  const enabled = Boolean(me?.user.totpEnabled);

  useEffect(() => {
    if (!open || enabled || setup) return;
    call('POST /api/v1/me/totp/setup')
      .then(setSetup)
      .catch((e: unknown) => setError(errorText(e)));
  }, [open, enabled, setup]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const enable = () =>
    run(async () => {
      const { code } = await form.validateFields(['code']);
      const result = await call('POST /api/v1/me/totp/enable', { body: { code } });
      setCodes(result.recoveryCodes);
      message.success(t('totpEnabled'));
    });
  const renew = () =>
    run(async () => {
      const { password } = await form.validateFields(['password']);
      setCodes((await call('POST /api/v1/me/totp/recovery-codes', { body: { password } })).recoveryCodes);
    });
  const disable = () =>
    run(async () => {
      const { password } = await form.validateFields(['password']);
      await call('POST /api/v1/me/totp/disable', { body: { password } });
      await refresh();
      onClose();
    });
  const finish = async () => {
    setCodes(null);
    setSetup(null);
    form.resetFields();
    await refresh();
    onClose();
  };

  const body = codes ? (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="recovery-codes">
      <Typography.Title level={5}>{t('recoveryCodesTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('recoveryCodesHint')}</Typography.Paragraph>
      <pre style={{ background: '#fafafa', padding: 12, fontSize: 15, columns: 2 }}>{codes.join('\n')}</pre>
      <Button type="primary" onClick={() => void finish()} data-testid="recovery-codes-saved">
        {t('recoveryCodesSaved')}
      </Button>
    </Space>
  ) : enabled ? (
    <Form form={form} layout="vertical">
      <Typography.Paragraph>{t('totpStatusOn')}</Typography.Paragraph>
      <Form.Item name="password" label={t('confirmWithPassword')} rules={[{ required: true, message: t('passwordRequired') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Space>
        <Button onClick={() => void renew()} loading={busy}>
          {t('totpRenewCodes')}
        </Button>
        <Button danger onClick={() => void disable()} loading={busy}>
          {t('totpDisable')}
        </Button>
      </Space>
    </Form>
  ) : (
    <Form form={form} layout="vertical" onFinish={() => void enable()}>
      {forced ? (
        <Typography.Paragraph strong>{t('totpSetupRequired')}</Typography.Paragraph>
      ) : (
        <Typography.Paragraph>{t('totpStatusOff')}</Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary">{t('totpSetupSteps')}</Typography.Paragraph>
      {setup && (
        <Space align="start" size={16} wrap>
          <img src={`data:image/svg+xml;utf8,${encodeURIComponent(setup.qrSvg)}`} width={180} height={180} alt="QR" data-testid="totp-qr" />
          <div>
            <Typography.Text type="secondary">{t('totpSecret')}</Typography.Text>
            <Typography.Paragraph copyable code style={{ fontSize: 15, wordBreak: 'break-all' }} data-testid="totp-secret">
              {setup.secret}
            </Typography.Paragraph>
          </div>
        </Space>
      )}
      <Form.Item
        name="code"
        label={t('totpCode')}
        rules={[
          { required: true, message: t('totpCodeRequired') },
          { pattern: /^\s*\d{6}\s*$/, message: t('totpCodeFormat') },
        ]}
      >
        <Input inputMode="numeric" autoComplete="one-time-code" maxLength={8} style={{ width: 160 }} data-testid="totp-setup-code" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} disabled={!setup} data-testid="totp-enable">
        {t('totpEnable')}
      </Button>
    </Form>
  );

  return (
    <Modal
      title={t('totpSetupTitle')}
      open={open}
      footer={null}
      onCancel={forced || codes ? undefined : onClose}
      closable={!forced && !codes}
      maskClosable={false}
      destroyOnHidden
      width={560}
    >
      {body}
      {error && (
        <div style={{ color: '#cf1322', marginTop: 12 }} role="alert">
          {error}
        </div>
      )}
    </Modal>
  );
}
