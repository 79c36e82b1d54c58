import { Button, EmptyStateLayout } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { EmptyPictures } from '@strapi/icons/symbols';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { useTranslate } from '../hooks/useTranslate';
import { panelPaths } from '../utils/panelPaths';

interface NotFoundPageProps {
  /** What the address named: an account, a campaign batch, or no page of the plugin at all. */
  what?: 'account' | 'campaign' | 'page';
  /** The number in the address, when it was one. */
  id?: string;
}

/** An address inside the plugin that names nothing (a deleted account or batch, a mistyped link). */
const NotFoundPage = ({ what = 'page', id }: NotFoundPageProps) => {
  const navigate = useNavigate();
  const t = useTranslate();
  const title = t('notFound.title', 'Not found');
  const texts = {
    account: {
      subtitle: id
        ? t('notFound.account.subtitle', 'SMTP account #{id} does not exist (any more).', { id })
        : t('notFound.account.subtitleNoId', 'This SMTP account does not exist.'),
      content: t('notFound.account.content', 'Nothing here: the account may have been deleted.'),
      back: t('notFound.back', 'Back to the SMTP accounts'),
      to: panelPaths.accounts,
    },
    campaign: {
      subtitle: id
        ? t('notFound.campaign.subtitle', 'Campaign batch #{id} does not exist (any more).', {
            id,
          })
        : t('notFound.campaign.subtitleNoId', 'This campaign batch does not exist.'),
      content: t(
        'notFound.campaign.content',
        'Nothing here: check the batch number in the address, or pick the batch from the list.'
      ),
      back: t('notFound.campaign.back', 'Back to the campaigns'),
      to: panelPaths.campaigns,
    },
    page: {
      subtitle: t('notFound.page.subtitle', 'This page of the SMTP accounts does not exist.'),
      content: t('notFound.page.content', 'Nothing here: check the address.'),
      back: t('notFound.back', 'Back to the SMTP accounts'),
      to: panelPaths.accounts,
    },
  }[what];
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header title={title} subtitle={texts.subtitle} />
      <Layouts.Content>
        <EmptyStateLayout
          icon={<EmptyPictures width="16rem" />}
          content={texts.content}
          action={
            <Button
              variant="secondary"
              startIcon={<ArrowLeft />}
              onClick={() => navigate(texts.to)}
            >
              {texts.back}
            </Button>
          }
        />
      </Layouts.Content>
    </Page.Main>
  );
};

export { NotFoundPage };
