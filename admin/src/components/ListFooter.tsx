import { Flex, Typography } from '@strapi/design-system';
import { Pagination } from '@strapi/strapi/admin';

interface ListFooterProps {
  /** How many there are, e.g. "12 addresses". */
  summary: string;
  /** The summary's test id (`<list>-total`). */
  testId: string;
  /** The answer's `meta.pagination`, or the same worked out for a list paged in the browser. */
  pagination: { pageCount: number; total: number };
  defaultPageSize: number;
  /** Room between the summary and the page links (none unless told). */
  gap?: number;
}

/** Under a list: how many there are, the page size and the page links (Strapi's, kept in the address bar). */
const ListFooter = ({ summary, testId, pagination, defaultPageSize, gap }: ListFooterProps) => (
  <Flex direction="column" alignItems="stretch" gap={gap}>
    <Typography textColor="neutral600" data-testid={testId}>
      {summary}
    </Typography>
    <Pagination.Root
      pageCount={pagination.pageCount}
      total={pagination.total}
      defaultPageSize={defaultPageSize}
    >
      <Pagination.PageSize options={['10', '25', '50', '100']} />
      <Pagination.Links />
    </Pagination.Root>
  </Flex>
);

export { ListFooter };
