import { Button } from '@strapi/design-system';
import { MinusCircle, SealCheck } from '@strapi/icons';
import { useNavigate } from 'react-router-dom';
import { useDomainPermissions } from '../hooks/useDomainPermissions';
import { useSuppressionPermissions } from '../hooks/useSuppressionPermissions';
import { useTranslate } from '../hooks/useTranslate';
import { panelPaths } from '../utils/panelPaths';

/** The accounts page's way to the Deliverability and Suppressions pages, each for a role that may read it. */
const DeliverabilityLinks = () => {
  const t = useTranslate();
  const navigate = useNavigate();
  const domains = useDomainPermissions();
  const suppressions = useSuppressionPermissions();
  return (
    <>
      {domains.canRead ? (
        <Button
          variant="tertiary"
          startIcon={<SealCheck />}
          onClick={() => navigate(panelPaths.deliverability())}
        >
          {t('accounts.deliverability', 'Deliverability')}
        </Button>
      ) : null}
      {suppressions.canRead ? (
        <Button
          variant="tertiary"
          startIcon={<MinusCircle />}
          onClick={() => navigate(panelPaths.suppressions)}
        >
          {t('accounts.suppressions', 'Suppressions')}
        </Button>
      ) : null}
    </>
  );
};

export { DeliverabilityLinks };
