import { Button, Dialog } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { useEffect, type MutableRefObject } from 'react';
import { useIntl } from 'react-intl';
import { useBlocker } from 'react-router-dom';

/**
 * The Content Manager's unsaved-changes guard (`Blocker` of @strapi/admin's Form, which needs Strapi's form
 * context) for a plain form: leaving the page with edits asks first; closing the tab gets the browser's prompt.
 */
interface UnsavedChangesGuardProps {
  when: boolean;
  /** Set to true right before a navigation that must pass (after a successful save). */
  bypass?: MutableRefObject<boolean>;
}

const UnsavedChangesGuard = ({ when, bypass }: UnsavedChangesGuardProps) => {
  const { formatMessage } = useIntl();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => when && !bypass?.current && currentLocation.pathname !== nextLocation.pathname
  );

  useEffect(() => {
    if (!when) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [when]);

  if (blocker.state !== 'blocked') return null;
  return (
    <Dialog.Root open onOpenChange={(open: boolean) => (!open ? blocker.reset() : undefined)}>
      <Dialog.Content>
        <Dialog.Header>{formatMessage({ id: 'app.components.ConfirmDialog.title', defaultMessage: 'Confirmation' })}</Dialog.Header>
        <Dialog.Body icon={<WarningCircle width="24px" height="24px" fill="danger600" />} textAlign="center">
          {formatMessage({ id: 'global.prompt.unsaved', defaultMessage: 'You have unsaved changes, are you sure you want to leave?' })}
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary" fullWidth>
              {formatMessage({ id: 'app.components.Button.cancel', defaultMessage: 'Cancel' })}
            </Button>
          </Dialog.Cancel>
          <Button variant="danger" fullWidth onClick={() => blocker.proceed()}>
            {formatMessage({ id: 'app.components.Button.confirm', defaultMessage: 'Confirm' })}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};

export { UnsavedChangesGuard };
