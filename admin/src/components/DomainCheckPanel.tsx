import { Box, Button, Flex, Loader, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { SmtpAccount } from '../../../shared/contracts/accounts';
import type { DomainCheck } from '../../../shared/contracts/deliverability';
import { useDomainCheck } from '../hooks/useDomainCheck';
import { useDomainPermissions } from '../hooks/useDomainPermissions';
import { useTranslate } from '../hooks/useTranslate';
import { DomainCheckBadge } from './DomainCheckBadge';
import { DomainCheckTable } from './DomainCheckTable';
import { SmtpErrorAlert } from './SmtpErrorAlert';

const SUMMARY: Record<DomainCheck['status'], string> = {
  ok: 'Mail From {domain} passes SPF and DKIM, and DMARC is published: what Gmail, Yahoo and Microsoft ask of bulk senders.',
  warning:
    'Only part of what Gmail, Yahoo and Microsoft ask of bulk senders passes for {domain}: SPF and DKIM passing, and a DMARC record.',
  failing:
    'Neither SPF nor DKIM passes for {domain}: receivers may refuse its mail or file it as spam.',
  unknown: 'The DNS did not answer for {domain}: check again later.',
};

/** The account form's "Domain check": what receivers will find in the DNS for the account's From domain. */
const DomainCheckPanel = ({ account }: { account: SmtpAccount }) => {
  const t = useTranslate();
  const { formatDate } = useIntl();
  const domainPermissions = useDomainPermissions();
  const { check, isWaiting, isChecking, error, clearError, checkNow } = useDomainCheck(account);
  const domain = check?.domain ?? account.email.split('@').pop() ?? '';

  return (
    <Box
      background="neutral0"
      hasRadius
      shadow="filterShadow"
      padding={6}
      data-testid="domain-check"
      data-status={check?.status ?? 'none'}
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex justifyContent="space-between" alignItems="flex-start" gap={4} wrap="wrap">
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Flex gap={2}>
              <Typography variant="delta" tag="h2">
                {t('domainCheck.title', 'Domain check')}
              </Typography>
              <DomainCheckBadge check={check} />
            </Flex>
            <Typography variant="pi" textColor="neutral600">
              {t(
                'domainCheck.subtitle',
                "What receivers find in the DNS for {domain}: SPF for this account's server, the DKIM key, DMARC",
                { domain }
              )}
            </Typography>
          </Flex>
          <Button
            type="button"
            variant="secondary"
            startIcon={<ArrowClockwise />}
            onClick={() => void checkNow()}
            loading={isChecking}
            disabled={isChecking}
          >
            {t('domainCheck.checkNow', 'Check now')}
          </Button>
        </Flex>
        {error ? <SmtpErrorAlert error={error} onClose={clearError} /> : null}
        {isWaiting ? (
          <Flex gap={2} role="status">
            <Loader small />
            <Typography textColor="neutral600">
              {t('domainCheck.checking', 'Checking the DNS…')}
            </Typography>
          </Flex>
        ) : null}
        {check ? (
          <>
            <Typography textColor="neutral700" data-testid="domain-check-summary">
              {t(`domainCheck.summary.${check.status}`, SUMMARY[check.status], { domain })}{' '}
              {t('domainCheck.checkedAt', 'Checked {when}.', {
                when: formatDate(check.checkedAt, { dateStyle: 'medium', timeStyle: 'short' }),
              })}
            </Typography>
            <DomainCheckTable check={check} canOpenDomains={domainPermissions.canRead} />
          </>
        ) : !isWaiting ? (
          <Typography textColor="neutral600">
            {t('domainCheck.never', 'Not checked yet: click "Check now".')}
          </Typography>
        ) : null}
      </Flex>
    </Box>
  );
};

export { DomainCheckPanel };
