import { Box, Main, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/getTranslation';

const AccountsPage = () => {
  const { formatMessage } = useIntl();
  return (
    <Main>
      <Box padding={8}>
        <Typography variant="alpha" tag="h1">
          {formatMessage({ id: getTranslation('accounts.title'), defaultMessage: 'SMTP accounts' })}
        </Typography>
      </Box>
    </Main>
  );
};

export { AccountsPage };
