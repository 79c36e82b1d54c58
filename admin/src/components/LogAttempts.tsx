import { Box, Flex, Typography } from '@strapi/design-system';
import type { SendAttempt } from '../../../shared/contracts/send-log';
import { useTranslate } from '../hooks/useTranslate';

interface LogAttemptsProps {
  attempts: SendAttempt[];
}

/** Every account (or the stock provider) tried for one mail, in order, with what its server answered. */
const LogAttempts = ({ attempts }: LogAttemptsProps) => {
  const t = useTranslate();

  if (attempts.length === 0) {
    return (
      <Typography textColor="neutral600">
        {t('log.noAttempts', 'No account was tried: no active account matches this From.')}
      </Typography>
    );
  }

  return (
    <Flex tag="ol" direction="column" alignItems="stretch" gap={2} data-testid="log-attempts">
      {attempts.map((attempt, index) => (
        <Box
          tag="li"
          key={index}
          padding={3}
          hasRadius
          background={attempt.ok ? 'success100' : 'danger100'}
          data-ok={attempt.ok}
        >
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography fontWeight="bold">
              {index + 1}.{' '}
              {attempt.accountId
                ? t('log.attempt.account', 'Account #{id} {email}', {
                    id: attempt.accountId,
                    email: attempt.accountEmail ?? '',
                  })
                : t('log.attempt.provider', 'The configured provider')}
              {' — '}
              {attempt.ok ? t('log.attempt.ok', 'accepted') : t('log.attempt.failed', 'failed')}
              {' · '}
              {t('log.ms', '{ms} ms', { ms: attempt.durationMs })}
            </Typography>
            <Typography variant="pi" textColor="neutral700">
              {t('log.attempt.rule', 'Rule: {rule}', {
                rule: t(`log.rule.${attempt.rule}`, attempt.rule),
              })}
            </Typography>
            {attempt.stage ? (
              <Typography variant="pi" textColor="neutral700">
                {t('log.attempt.stage', 'Stage: {stage}', {
                  stage: t(`stage.${attempt.stage}`, attempt.stage),
                })}
                {attempt.code
                  ? ` · ${t('log.attempt.code', 'Code: {code}', { code: attempt.code })}`
                  : ''}
              </Typography>
            ) : null}
            {attempt.response ? (
              <Typography variant="pi" textColor="neutral800" style={{ wordBreak: 'break-word' }}>
                {t('log.attempt.reply', 'Server reply: {reply}', { reply: attempt.response })}
              </Typography>
            ) : null}
          </Flex>
        </Box>
      ))}
    </Flex>
  );
};

export { LogAttempts };
