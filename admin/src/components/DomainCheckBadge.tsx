import { Badge, Box, Tooltip } from '@strapi/design-system';
import type { DomainCheck } from '../../../shared/contracts/deliverability';
import { useDomainCheckText } from '../hooks/useDomainCheckText';
import { useTranslate } from '../hooks/useTranslate';
import { statusTone } from '../utils/domainCheck';

interface DomainCheckBadgeProps {
  check: DomainCheck | null;
  /** In a list: a tooltip names what fails ("DKIM: no key, SPF: fail"). */
  withTooltip?: boolean;
}

/** The domain check's status (OK, Warning, Failing, Unknown, or not checked yet) as a small badge. */
const DomainCheckBadge = ({ check, withTooltip = false }: DomainCheckBadgeProps) => {
  const t = useTranslate();
  const text = useDomainCheckText();
  const status = check?.status ?? 'none';
  const badge = (
    <Badge size="S" variant={statusTone(status)} data-domain-status={status}>
      {withTooltip
        ? t('domainCheck.badge', 'Domain: {status}', { status: text.status(status) })
        : text.status(status)}
    </Badge>
  );
  if (!withTooltip) return badge;
  const label = check
    ? `${check.domain} · ${text.problems(check)}`
    : t('domainCheck.notChecked', 'Not checked yet: the check runs after each save');
  return (
    <Tooltip label={label}>
      {/* the tooltip's trigger takes a ref and the focus, which Badge does not */}
      <Box tag="span" tabIndex={0} display="inline-flex" data-testid="domain-check-badge">
        {badge}
      </Box>
    </Tooltip>
  );
};

export { DomainCheckBadge };
