import { Box, Button, Checkbox, Flex, TextInput } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useState, type ChangeEvent } from 'react';
import type { ResolveFrom } from '../../../shared/contracts/resolve';
import { LabelledField } from '../components/LabelledField';
import { PageHeader } from '../components/PageHeader';
import { ResolveResult } from '../components/ResolveResult';
import { SmtpErrorAlert } from '../components/SmtpErrorAlert';
import { useAdminApi } from '../hooks/useAdminApi';
import { useFormSubmit } from '../hooks/useFormSubmit';
import { ModuleOffBanner } from '../components/ModuleOffBanner';
import { useTranslate } from '../hooks/useTranslate';

/** Asks the server which account a From line would go through, with the same rule the mailer uses. */
const RoutingPreviewPage = () => {
  const t = useTranslate();
  const api = useAdminApi();
  const [from, setFrom] = useState('');
  const [newsletter, setNewsletter] = useState(false);
  const [result, setResult] = useState<ResolveFrom.Response['data'] | null>(null);
  const {
    isSaving: isResolving,
    error,
    setError,
    submit,
  } = useFormSubmit(t('routing.failed', 'Could not resolve this From'));

  const resolve = submit(async () => {
    setResult(null);
    const { data } = await api.resolveFrom({ from, newsletter });
    setResult(data);
  });

  const title = t('routing.title', 'Routing preview');
  return (
    <Page.Main>
      <PageHeader
        title={title}
        subtitle={t('routing.subtitle', 'Which account would send a mail with this From?')}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <ModuleOffBanner />
          <Box background="neutral0" hasRadius shadow="filterShadow" padding={6}>
            <form onSubmit={resolve}>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <LabelledField
                  name="from"
                  required
                  error={error?.fieldErrors.from}
                  label={t('routing.from', 'From')}
                  hint={t('routing.fromHint', 'An address, or "Name <address>"')}
                >
                  <TextInput
                    value={from}
                    placeholder="Shop <shop@example.com>"
                    onChange={(e: ChangeEvent<HTMLInputElement>) => setFrom(e.target.value)}
                  />
                </LabelledField>
                <Checkbox
                  checked={newsletter}
                  onCheckedChange={(checked: boolean | 'indeterminate') =>
                    setNewsletter(checked === true)
                  }
                >
                  {t('routing.newsletter', 'This mail is a newsletter')}
                </Checkbox>
                <Box>
                  <Button
                    type="submit"
                    loading={isResolving}
                    disabled={isResolving || !from.trim()}
                  >
                    {t('routing.resolve', 'Resolve')}
                  </Button>
                </Box>
              </Flex>
            </form>
          </Box>
          {error ? (
            <SmtpErrorAlert
              error={error}
              title={t('routing.failed', 'Could not resolve this From')}
              onClose={() => setError(null)}
            />
          ) : null}
          {result ? <ResolveResult result={result} /> : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export { RoutingPreviewPage };
