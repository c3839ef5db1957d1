import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { formatDateTime } from '../time.ts';
import { useState } from 'react';
import { call } from '../api/contract.ts';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { errorText } from './ResultPages.tsx';

export function ChangePasswordModal({ open, forced, onClose }: { open: boolean; forced?: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { me, refresh } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    // an invalid form shows its messages on its fields
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      await call('POST /api/v1/me/password', { body: { currentPassword: values.currentPassword, newPassword: values.newPassword } });
      message.success(t('passwordChanged'));
      form.resetFields();
      await refresh();
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={t('changePassword')}
      open={open}
      onOk={submit}
      confirmLoading={saving}
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      maskClosable={false}
      cancelButtonProps={{ style: forced ? { display: 'none' } : {} }}
      okText={t('save')}
      cancelText={t('cancel')}
      destroyOnHidden
    >
      {forced && <p>{t('mustChangePassword')}</p>}
      {forced && me?.user.passwordReset && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('passwordResetNotice', { by: me.user.passwordReset.by ?? '', at: formatDateTime(me.user.passwordReset.at) })}
          data-testid="password-reset-notice"
        />
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('passwordRules', { min: 8 })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" autoComplete="off">
        <Form.Item name="currentPassword" label={t('currentPassword')} rules={[{ required: true, message: t('passwordRequired') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('newPassword')} rules={[{ required: true, message: t('passwordRequired') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('passwordRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {error && (
          <div style={{ color: '#cf1322' }} role="alert">
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
}
