// A record's form in a drawer with Cancel / Save below it, and the save that reports, refreshes and closes: the
// shape every register's editor shares (trips, events, advisors).
import { useMutation } from '@tanstack/react-query';
import { App, Button, Drawer, Space } from 'antd';
import type { ReactNode } from 'react';
import { useInvalidate } from '../api/hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { errorText } from './ResultPages.tsx';

export function FormDrawer(props: {
  title: ReactNode;
  width: number | string;
  testId: string;
  saving: boolean;
  onSave: () => void;
  onClose: () => void;
  /** large buttons, the save one full width (a phone) */
  large?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const size = props.large ? 'large' : 'middle';
  return (
    <Drawer
      open
      width={props.width}
      onClose={props.onClose}
      title={props.title}
      data-testid={props.testId}
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button size={size} onClick={props.onClose}>
            {t('cancel')}
          </Button>
          <Button
            size={size}
            type="primary"
            loading={props.saving}
            onClick={props.onSave}
            data-testid={`${props.testId.replace(/-form$/, '')}-save`}
            block={props.large}
          >
            {t('save')}
          </Button>
        </Space>
      }
    >
      {props.children}
    </Drawer>
  );
}

/** A save that says so, marks the resources stale and hands the result on (to close, to open the new record). */
export function useSave<V, R>(save: (values: V) => Promise<R>, resources: string[], done: (result: R) => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: save,
    onSuccess: async (result) => {
      message.success(t('saved'));
      await invalidate(...resources);
      done(result);
    },
    onError: (e) => message.error(errorText(e)),
  });
}
