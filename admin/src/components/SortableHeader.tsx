import { TextButton, Th, Typography } from '@strapi/design-system';
import { CaretDown, CaretUp } from '@strapi/icons';
import type { ColumnDisplay } from '../utils/columnDisplay';
import type { SortDirection, SortKey } from '../utils/sortAccounts';

interface SortableHeaderProps {
  column: SortKey;
  label: string;
  sortKey: SortKey;
  direction: SortDirection;
  onSort: (column: SortKey) => void;
  /** Hidden below a breakpoint (utils/columnDisplay); always shown when absent. */
  display?: ColumnDisplay;
}

/** A column header that sorts the table when clicked; clicking the sorted column flips the order. */
const SortableHeader = ({
  column,
  label,
  sortKey,
  direction,
  onSort,
  display,
}: SortableHeaderProps) => {
  const isSorted = column === sortKey;
  const icon = isSorted ? direction === 'ASC' ? <CaretUp /> : <CaretDown /> : undefined;
  return (
    <Th
      aria-sort={isSorted ? (direction === 'ASC' ? 'ascending' : 'descending') : 'none'}
      display={display}
    >
      <TextButton endIcon={icon} onClick={() => onSort(column)}>
        <Typography variant="sigma" textColor={isSorted ? 'neutral800' : 'neutral600'}>
          {label}
        </Typography>
      </TextButton>
    </Th>
  );
};

export { SortableHeader };
