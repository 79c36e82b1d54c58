import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { BatchRejection } from '../../../shared/contracts/campaigns';
import { useTranslate } from '../hooks/useTranslate';

/** The enqueue's refusal codes (README, "Campaign queue"); an unknown code is shown as it came. */
const REJECTION_TEXT: Record<string, string> = {
  NOT_A_MESSAGE: 'Not a message object',
  INVALID_MAIL: 'Not a valid mail (no recipient, a line break in a header, or no valid From)',
  FROM_TOO_LONG: 'The From is too long',
  MESSAGE_TOO_LARGE: 'The message is over 5 MB',
};

/** Messages refused at enqueue (the first 20 are kept); `index` counts from 0 in the caller's order. */
const CampaignRejectionsTable = ({
  rejections,
  rejected,
}: {
  rejections: BatchRejection[];
  rejected: number;
}) => {
  const t = useTranslate();
  return (
    <>
      <Table colCount={3} rowCount={rejections.length + 1}>
        <Thead>
          <Tr>
            <Th>
              <Typography variant="sigma">
                {t('campaign.rejections.index', 'Index (from 0)')}
              </Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('campaign.rejections.reason', 'Reason')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('campaign.rejections.message', 'Details')}</Typography>
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          {rejections.map((rejection) => (
            <Tr key={rejection.index} data-rejection-code={rejection.code}>
              <Td>
                <Typography textColor="neutral800">{rejection.index}</Typography>
              </Td>
              <Td>
                <Typography textColor="neutral800">
                  {REJECTION_TEXT[rejection.code]
                    ? t(`campaign.rejection.${rejection.code}`, REJECTION_TEXT[rejection.code])
                    : rejection.code}
                </Typography>
              </Td>
              <Td maxWidth="32rem">
                <Typography textColor="neutral600" ellipsis title={rejection.message}>
                  {rejection.message}
                </Typography>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {rejected > rejections.length ? (
        <Typography variant="pi" textColor="neutral600">
          {t('campaign.rejections.more', 'The first {shown} of {rejected} are listed.', {
            shown: rejections.length,
            rejected,
          })}
        </Typography>
      ) : null}
    </>
  );
};

export { CampaignRejectionsTable };
