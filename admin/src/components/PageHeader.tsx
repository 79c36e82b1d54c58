import { BackButton, Layouts, Page } from '@strapi/strapi/admin';
import type { ReactNode } from 'react';
import { panelPaths } from '../utils/panelPaths';

interface PageHeaderProps {
  /** The page's heading, and the browser tab's title. */
  title: string;
  subtitle: ReactNode;
  /** Where Back leads when the browser has no page to go back to: the accounts list unless told. */
  backTo?: string;
  primaryAction?: ReactNode;
  secondaryAction?: ReactNode;
}

/** The header of a page below the accounts list: its title, a Back button, the page's actions. */
const PageHeader = ({
  title,
  subtitle,
  backTo = panelPaths.accounts,
  primaryAction,
  secondaryAction,
}: PageHeaderProps) => (
  <>
    <Page.Title>{title}</Page.Title>
    <Layouts.Header
      navigationAction={<BackButton disabled={false} fallback={backTo} />}
      title={title}
      subtitle={subtitle}
      primaryAction={primaryAction}
      secondaryAction={secondaryAction}
    />
  </>
);

export { PageHeader };
