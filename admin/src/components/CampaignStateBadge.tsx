import { Badge } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { BatchState } from '../../../shared/constants';
import { getTranslation } from '../utils/getTranslation';

const VARIANT = {
  enqueuing: 'secondary',
  active: 'primary',
  paused: 'warning',
  cancelled: 'danger',
  done: 'success',
} as const;
const TEXT: Record<BatchState, string> = {
  enqueuing: 'Queuing',
  active: 'Sending',
  paused: 'Paused',
  cancelled: 'Cancelled',
  done: 'Done',
};

/** A batch's state in words and colour. */
const CampaignStateBadge = ({ state }: { state: BatchState }) => {
  const { formatMessage } = useIntl();
  return (
    <Badge variant={VARIANT[state]} data-state={state} data-testid="campaign-state">
      {formatMessage({
        id: getTranslation(`campaigns.state.${state}`),
        defaultMessage: TEXT[state],
      })}
    </Badge>
  );
};

export { CampaignStateBadge };
