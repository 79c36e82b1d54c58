import { Button } from '@strapi/design-system';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';

interface PageLinkButtonProps {
  /** A path of panelPaths. */
  to: string;
  icon: ReactNode;
  children: ReactNode;
}

/** A quiet header button that opens another page of the plugin (Send log, Campaigns, Suppressions …). */
const PageLinkButton = ({ to, icon, children }: PageLinkButtonProps) => {
  const navigate = useNavigate();
  return (
    <Button variant="tertiary" startIcon={icon} onClick={() => navigate(to)}>
      {children}
    </Button>
  );
};

export { PageLinkButton };
