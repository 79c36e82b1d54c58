import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { NavLink } from 'react-router-dom';
import type { ResolveFrom, ResolveRule } from '../../../shared/contracts/resolve';
import { getTranslation } from '../utils/getTranslation';
import { panelPaths } from '../utils/panelPaths';

const RULE_TEXT: Record<ResolveRule, string> = {
  'newsletter-name-address': 'Newsletter account with the same sender name and address',
  'newsletter-address': 'Newsletter account with the same address',
  'name-address': 'Account with the same sender name and address',
  address: 'Account with the same address',
  fallback: 'No account — fallback to the configured provider',
  reject: 'No account — the mail is rejected',
  'module-off': 'The module is switched off — the stock provider sends every mail',
};

interface ResolveResultProps {
  result: ResolveFrom.Response['data'];
}

/** Which account would send the mail, and the rule that chose it, in words. */
const ResolveResult = ({ result }: ResolveResultProps) => {
  const { formatMessage } = useIntl();
  const ruleText = formatMessage({
    id: getTranslation(`rule.${result.rule}`),
    defaultMessage: RULE_TEXT[result.rule],
  });
  const { account } = result;

  return (
    <Box
      background="neutral0"
      hasRadius
      shadow="filterShadow"
      padding={6}
      role="status"
      aria-live="polite"
    >
      <Flex direction="column" alignItems="flex-start" gap={2}>
        <Typography variant="delta" tag="h2">
          {formatMessage({ id: getTranslation('routing.result'), defaultMessage: 'Result' })}
        </Typography>
        {account ? (
          <Typography data-testid="resolved-account">
            {formatMessage({
              id: getTranslation('routing.chosen'),
              defaultMessage: 'Sent by account',
            })}{' '}
            <Link tag={NavLink} to={panelPaths.account(account.id)}>
              {`#${account.id} ${account.name ? `${account.name} <${account.email}>` : account.email}`}
            </Link>
          </Typography>
        ) : null}
        <Typography
          data-testid="resolved-rule"
          data-rule={result.rule}
          textColor={
            account || result.rule === 'module-off' || result.rule === 'fallback'
              ? 'neutral700'
              : 'danger600'
          }
        >
          {formatMessage({ id: getTranslation('routing.rule'), defaultMessage: 'Rule:' })}{' '}
          {ruleText}
        </Typography>
      </Flex>
    </Box>
  );
};

export { ResolveResult };
