import { Table, Tbody, Th, Thead, Tr, Typography, VisuallyHidden } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { SendLogEntry } from '../../../shared/contracts/send-log';
import { LOG_COLUMN_DISPLAY } from '../utils/columnDisplay';
import { getTranslation } from '../utils/getTranslation';
import { LogRow } from './LogRow';

const COLUMNS = [
  ['time', 'Time'],
  ['from', 'From'],
  ['recipient', 'Recipient'],
  ['subject', 'Subject'],
  ['account', 'Account and rule'],
  ['status', 'Status'],
  ['attempts', 'Attempts'],
] as const;

interface LogTableProps {
  entries: SendLogEntry[];
  onOpen: (entry: SendLogEntry) => void;
}

/**
 * The send log, newest first. The subject takes the room that is left and wraps (two lines, then the
 * full text in its title); other long values end in "…"; the least needed columns give way on a narrow window.
 */
const LogTable = ({ entries, onOpen }: LogTableProps) => {
  const { formatMessage } = useIntl();
  return (
    <Table colCount={COLUMNS.length + 1} rowCount={entries.length + 1}>
      <Thead>
        <Tr>
          {COLUMNS.map(([key, defaultMessage]) => (
            <Th key={key} display={LOG_COLUMN_DISPLAY[key]}>
              <Typography variant="sigma">
                {formatMessage({ id: getTranslation(`log.column.${key}`), defaultMessage })}
              </Typography>
            </Th>
          ))}
          <Th>
            <VisuallyHidden>
              {formatMessage({
                id: getTranslation('log.column.actions'),
                defaultMessage: 'Actions',
              })}
            </VisuallyHidden>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {entries.map((entry) => (
          <LogRow key={entry.id} entry={entry} onOpen={onOpen} />
        ))}
      </Tbody>
    </Table>
  );
};

export { LogTable };
