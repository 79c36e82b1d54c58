import { Button, Dialog } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { useTranslate } from '../hooks/useTranslate';

interface CancelCampaignDialogProps {
  open: boolean;
  /** Messages not sent yet (queued); they are cancelled for good. */
  queued: number;
  isCancelling: boolean;
  onClose: () => void;
  onConfirm: () => void;
}

/** Asks before cancelling: a cancelled batch cannot be resumed. */
const CancelCampaignDialog = ({
  open,
  queued,
  isCancelling,
  onClose,
  onConfirm,
}: CancelCampaignDialogProps) => {
  const t = useTranslate();
  return (
    <Dialog.Root open={open} onOpenChange={(next: boolean) => (!next ? onClose() : undefined)}>
      <Dialog.Content>
        <Dialog.Header>{t('campaign.cancelDialog.title', 'Cancel this campaign?')}</Dialog.Header>
        <Dialog.Body icon={<WarningCircle fill="danger600" />}>
          {t(
            'campaign.cancelDialog.body',
            '{queued, plural, one {# message not sent yet is} other {# messages not sent yet are}} cancelled for good; mail in flight still goes out. A cancelled batch cannot be resumed.',
            { queued }
          )}
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button fullWidth variant="tertiary" disabled={isCancelling}>
              {t('campaign.cancelDialog.keep', 'Keep sending')}
            </Button>
          </Dialog.Cancel>
          <Button
            fullWidth
            variant="danger-light"
            loading={isCancelling}
            disabled={isCancelling}
            onClick={onConfirm}
          >
            {t('campaign.cancelDialog.confirm', 'Cancel the campaign')}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};

export { CancelCampaignDialog };
