import { Badge } from '@strapi/design-system';
import type { SuppressionReason } from '../../../shared/contracts/deliverability';
import { useTranslate } from '../hooks/useTranslate';

export const REASON_TEXT: Record<SuppressionReason, string> = {
  unsubscribe: 'Unsubscribed',
  bounce: 'Hard bounce',
  complaint: 'Complaint',
  manual: 'Added by hand',
};
const VARIANT = {
  unsubscribe: 'secondary',
  bounce: 'danger',
  complaint: 'warning',
  manual: 'neutral',
} as const satisfies Record<SuppressionReason, string>;

/** Why an address is on the suppression list, in words and colour. */
const SuppressionReasonBadge = ({ reason }: { reason: SuppressionReason }) => {
  const t = useTranslate();
  return (
    <Badge variant={VARIANT[reason]} data-reason={reason}>
      {t(`suppressions.reason.${reason}`, REASON_TEXT[reason])}
    </Badge>
  );
};

export { SuppressionReasonBadge };
