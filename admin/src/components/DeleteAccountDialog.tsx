import { Button, Dialog } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { SmtpAccount } from '../../../shared/contracts/accounts';
import { getTranslation } from '../utils/getTranslation';

interface DeleteAccountDialogProps {
  account: SmtpAccount | null;
  isDeleting: boolean;
  onCancel: () => void;
  onConfirm: (account: SmtpAccount) => void;
}

/** Asks before deleting: mail from this address falls back to another account or the provider afterwards. */
const DeleteAccountDialog = ({
  account,
  isDeleting,
  onCancel,
  onConfirm,
}: DeleteAccountDialogProps) => {
  const { formatMessage } = useIntl();
  return (
    <Dialog.Root
      open={account !== null}
      onOpenChange={(open: boolean) => (!open ? onCancel() : undefined)}
    >
      <Dialog.Content>
        <Dialog.Header>
          {formatMessage({
            id: getTranslation('delete.title'),
            defaultMessage: 'Delete this SMTP account?',
          })}
        </Dialog.Header>
        <Dialog.Body icon={<WarningCircle fill="danger600" />}>
          {formatMessage(
            {
              id: getTranslation('delete.body'),
              defaultMessage:
                'Mail from {email} will be sent by another matching account or the fallback afterwards.',
            },
            { email: account?.email ?? '' }
          )}
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button fullWidth variant="tertiary" disabled={isDeleting}>
              {formatMessage({ id: getTranslation('delete.cancel'), defaultMessage: 'Cancel' })}
            </Button>
          </Dialog.Cancel>
          <Button
            fullWidth
            variant="danger-light"
            loading={isDeleting}
            disabled={isDeleting}
            onClick={() => account && onConfirm(account)}
          >
            {formatMessage({ id: getTranslation('delete.confirm'), defaultMessage: 'Delete' })}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};

export { DeleteAccountDialog };
