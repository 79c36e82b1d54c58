import { Button, Dialog } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import type { ReactNode } from 'react';
import { useTranslate } from '../hooks/useTranslate';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The button that backs out; "Cancel" unless told. */
  cancelLabel?: string;
  /** `danger`: the action removes something (red button). */
  tone?: 'danger' | 'default';
  isBusy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}

/** Asks before an action that cannot be undone from here (delete a key, make a new one, remove an address). */
const ConfirmDialog = ({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel,
  tone = 'danger',
  isBusy,
  onCancel,
  onConfirm,
}: ConfirmDialogProps) => {
  const t = useTranslate();
  return (
    <Dialog.Root open={open} onOpenChange={(next: boolean) => (!next ? onCancel() : undefined)}>
      <Dialog.Content>
        <Dialog.Header>{title}</Dialog.Header>
        <Dialog.Body icon={<WarningCircle fill={tone === 'danger' ? 'danger600' : 'warning600'} />}>
          {children}
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button fullWidth variant="tertiary" disabled={isBusy}>
              {cancelLabel ?? t('confirm.cancel', 'Cancel')}
            </Button>
          </Dialog.Cancel>
          <Button
            fullWidth
            variant={tone === 'danger' ? 'danger-light' : 'default'}
            loading={isBusy}
            disabled={isBusy}
            onClick={onConfirm}
          >
            {confirmLabel}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};

export { ConfirmDialog };
