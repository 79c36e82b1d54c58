import { MinusCircle, SealCheck } from '@strapi/icons';
import { useDomainPermissions } from '../hooks/useDomainPermissions';
import { useSuppressionPermissions } from '../hooks/useSuppressionPermissions';
import { useTranslate } from '../hooks/useTranslate';
import { panelPaths } from '../utils/panelPaths';
import { PageLinkButton } from './PageLinkButton';

/** The accounts page's way to the Deliverability and Suppressions pages, each for a role that may read it. */
const DeliverabilityLinks = () => {
  const t = useTranslate();
  const domains = useDomainPermissions();
  const suppressions = useSuppressionPermissions();
  return (
    <>
      {domains.canRead ? (
        <PageLinkButton to={panelPaths.deliverability()} icon={<SealCheck />}>
          {t('accounts.deliverability', 'Deliverability')}
        </PageLinkButton>
      ) : null}
      {suppressions.canRead ? (
        <PageLinkButton to={panelPaths.suppressions} icon={<MinusCircle />}>
          {t('accounts.suppressions', 'Suppressions')}
        </PageLinkButton>
      ) : null}
    </>
  );
};

export { DeliverabilityLinks };
