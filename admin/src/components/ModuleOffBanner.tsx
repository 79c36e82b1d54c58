import { Alert, Link } from '@strapi/design-system';
import { useState } from 'react';
import { NavLink } from 'react-router-dom';
import { PERMISSIONS } from '../../../shared/constants';
import { useModuleState } from '../hooks/useModuleState';
import { usePluginPermissions } from '../hooks/usePluginPermissions';
import { useTranslate } from '../hooks/useTranslate';
import { panelPaths } from '../utils/panelPaths';

const SETTINGS_UPDATE = { update: [{ action: PERMISSIONS.settingsUpdate, subject: null }] };

/** Shown on every plugin page while the module is off: nothing here changes how mail is sent until it is on. */
const ModuleOffBanner = () => {
  const t = useTranslate();
  const enabled = useModuleState();
  const { allowedActions } = usePluginPermissions(SETTINGS_UPDATE);
  const [dismissed, setDismissed] = useState(false);
  if (enabled !== false || dismissed) return null;
  return (
    <Alert
      variant="warning"
      title={t('moduleOff.title', 'The module is switched off')}
      closeLabel={t('error.close', 'Close')}
      onClose={() => setDismissed(true)}
      data-testid="module-off-banner"
      action={
        allowedActions.canUpdate ? (
          <Link tag={NavLink} to={panelPaths.settings}>
            {t('moduleOff.link', 'Switch it on in Settings → SMTP accounts')}
          </Link>
        ) : undefined
      }
    >
      {t(
        'moduleOff.body',
        'Every mail is sent by the stock email provider; the accounts are not used and nothing is logged.'
      )}
    </Alert>
  );
};

export { ModuleOffBanner };
