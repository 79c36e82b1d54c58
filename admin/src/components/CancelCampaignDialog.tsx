import { useTranslate } from '../hooks/useTranslate';
import { ConfirmDialog } from './ConfirmDialog';

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
    <ConfirmDialog
      open={open}
      title={t('campaign.cancelDialog.title', 'Cancel this campaign?')}
      confirmLabel={t('campaign.cancelDialog.confirm', 'Cancel the campaign')}
      cancelLabel={t('campaign.cancelDialog.keep', 'Keep sending')}
      isBusy={isCancelling}
      onCancel={onClose}
      onConfirm={onConfirm}
    >
      {t(
        'campaign.cancelDialog.body',
        '{queued, plural, one {# message not sent yet is} other {# messages not sent yet are}} cancelled for good; mail in flight still goes out. A cancelled batch cannot be resumed.',
        { queued }
      )}
    </ConfirmDialog>
  );
};

export { CancelCampaignDialog };
