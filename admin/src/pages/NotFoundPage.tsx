import { Button, EmptyStateLayout } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { EmptyPictures } from '@strapi/icons/symbols';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { useTranslate } from '../hooks/useTranslate';
import { panelPaths } from '../utils/panelPaths';

/** An address inside the plugin that names nothing (a deleted account, a mistyped link). */
const NotFoundPage = () => {
  const navigate = useNavigate();
  const t = useTranslate();
  const title = t('notFound.title', 'Not found');
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('notFound.subtitle', 'This SMTP account or page does not exist (any more).')}
      />
      <Layouts.Content>
        <EmptyStateLayout
          icon={<EmptyPictures width="16rem" />}
          content={t('notFound.content', 'Nothing here: the account may have been deleted.')}
          action={
            <Button
              variant="secondary"
              startIcon={<ArrowLeft />}
              onClick={() => navigate(panelPaths.accounts)}
            >
              {t('notFound.back', 'Back to the SMTP accounts')}
            </Button>
          }
        />
      </Layouts.Content>
    </Page.Main>
  );
};

export { NotFoundPage };
