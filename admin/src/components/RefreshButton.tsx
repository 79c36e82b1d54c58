import { Button } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import type { ReactNode } from 'react';

interface RefreshButtonProps {
  onClick: () => void;
  /** A reload the button started is under way: it spins and is off. */
  isLoading: boolean;
  children: ReactNode;
}

/** A list page's Refresh: loads the list again now, besides its own timed refresh. */
const RefreshButton = ({ onClick, isLoading, children }: RefreshButtonProps) => (
  <Button
    variant="secondary"
    startIcon={<ArrowClockwise />}
    onClick={onClick}
    loading={isLoading}
    disabled={isLoading}
  >
    {children}
  </Button>
);

export { RefreshButton };
