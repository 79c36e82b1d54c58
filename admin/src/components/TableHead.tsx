import { Th, Thead, Tr, Typography, VisuallyHidden } from '@strapi/design-system';
import { useTranslate } from '../hooks/useTranslate';

interface TableHeadProps {
  /** `[key, English label]` per column; the label's translation is `<keyPrefix>.<key>`. */
  columns: readonly (readonly [string, string])[];
  /** e.g. `suppressions.column`; the last column's label (for screen readers) is `<keyPrefix>.actions`. */
  keyPrefix: string;
}

/** The header row of a list table: a label per column, then the row actions' column. */
const TableHead = ({ columns, keyPrefix }: TableHeadProps) => {
  const t = useTranslate();
  return (
    <Thead>
      <Tr>
        {columns.map(([key, defaultMessage]) => (
          <Th key={key}>
            <Typography variant="sigma">{t(`${keyPrefix}.${key}`, defaultMessage)}</Typography>
          </Th>
        ))}
        <Th>
          <VisuallyHidden>{t(`${keyPrefix}.actions`, 'Actions')}</VisuallyHidden>
        </Th>
      </Tr>
    </Thead>
  );
};

export { TableHead };
