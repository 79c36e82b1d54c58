import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { Batch } from '../../../shared/contracts/campaigns';
import { etaParts } from '../utils/campaigns';
import { getTranslation } from '../utils/getTranslation';

const ETA_TEXT = {
  seconds: '{seconds} s',
  minutes: '{minutes} min',
  hours: '{hours} h {minutes} min',
  days: '{days} d {hours} h',
} as const;

/** A batch's rate and ETA in the admin's language ("—" for an ETA when nothing moves). */
export const useCampaignFormat = () => {
  const { formatMessage, formatNumber } = useIntl();
  const rate = useCallback(
    (batch: Pick<Batch, 'perMinute'>) =>
      formatMessage(
        { id: getTranslation('campaigns.rate'), defaultMessage: '{perMinute} / min' },
        { perMinute: formatNumber(batch.perMinute) }
      ),
    [formatMessage, formatNumber]
  );
  const eta = useCallback(
    (batch: Pick<Batch, 'etaSeconds'>) => {
      const parts = etaParts(batch.etaSeconds);
      if (!parts) return '—';
      const { unit, ...values } = parts;
      return formatMessage(
        { id: getTranslation(`campaigns.eta.${unit}`), defaultMessage: ETA_TEXT[unit] },
        values
      );
    },
    [formatMessage]
  );
  return { rate, eta };
};
