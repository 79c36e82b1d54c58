import { Alert, Box, Button, Flex, Typography } from '@strapi/design-system';
import { Upload } from '@strapi/icons';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { ImportSuppressions } from '../../../shared/contracts/deliverability';
import { useAdminApi } from '../hooks/useAdminApi';
import { useFormSubmit } from '../hooks/useFormSubmit';
import { useTranslate } from '../hooks/useTranslate';
import { FormModal } from './FormModal';

/** The refused lines listed in full; more are counted ("… and 12 more"). */
const SHOWN_REFUSALS = 10;

interface ImportSuppressionsModalProps {
  open: boolean;
  onClose: () => void;
  /** After an import that added something: the list reloads. */
  onImported: () => void;
}

/** Imports a CSV file (`address[,scope[,reason[,detail]]]`) and says what became of each line. */
const ImportSuppressionsModal = ({ open, onClose, onImported }: ImportSuppressionsModalProps) => {
  const t = useTranslate();
  const api = useAdminApi();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportSuppressions.Response['data'] | null>(null);
  const {
    isSaving: isImporting,
    error,
    setError,
    submit,
  } = useFormSubmit(t('suppressions.import.failed', 'The file could not be imported'), (info) =>
    // Strapi's body parser refuses a JSON body over its limit (1 MB by default) before the plugin sees it
    info.status === 413
      ? {
          ...info,
          message: t(
            'suppressions.import.tooLarge',
            'The file is larger than this server takes in one request: split it into smaller files.'
          ),
        }
      : info
  );

  useEffect(() => {
    if (!open) return;
    setFile(null);
    setResult(null);
    setError(null);
  }, [open, setError]);

  const run = submit(async () => {
    if (!file) return;
    setResult(null);
    const { data } = await api.importSuppressions({ csv: await file.text() });
    setResult(data);
    if (data.added > 0) onImported();
  });

  const refused = result?.refused ?? [];
  return (
    <FormModal
      open={open}
      onClose={onClose}
      onSubmit={run}
      title={t('suppressions.import.title', 'Import addresses from a CSV file')}
      intro={t(
        'suppressions.import.intro',
        'One address per line: address, then optionally scope (* by default), reason (manual by default: unsubscribe, bounce, complaint or manual) and detail. A first line "address,scope,reason" is skipped. Addresses already on the list stay as they are.'
      )}
      cancelLabel={t('suppressions.import.close', 'Close')}
      submitLabel={t('suppressions.import.submit', 'Import')}
      isBusy={isImporting}
      canSubmit={file !== null}
      error={error}
      onErrorClose={() => setError(null)}
      gap={4}
    >
      <Flex gap={3}>
        <Button
          type="button"
          variant="secondary"
          startIcon={<Upload />}
          onClick={() => input.current?.click()}
          disabled={isImporting}
        >
          {t('suppressions.import.choose', 'Choose a file')}
        </Button>
        <Typography textColor="neutral700" data-testid="import-file-name">
          {file?.name ?? t('suppressions.import.noFile', 'No file chosen')}
        </Typography>
        <input
          ref={input}
          type="file"
          accept=".csv,text/csv,text/plain"
          hidden
          name="csv"
          aria-label={t('suppressions.import.file', 'CSV file')}
          onChange={(e: ChangeEvent<HTMLInputElement>) => {
            setFile(e.target.files?.[0] ?? null);
            setResult(null);
            setError(null);
          }}
        />
      </Flex>
      {result ? (
        <Alert
          variant={refused.length ? 'warning' : 'success'}
          title={t('suppressions.import.done', 'Imported')}
          closeLabel={t('error.close', 'Close')}
          onClose={() => setResult(null)}
          data-testid="import-result"
        >
          {t(
            'suppressions.import.result',
            'Added {added}, already there {existing}, refused {refused}.',
            { added: result.added, existing: result.existing, refused: refused.length }
          )}
        </Alert>
      ) : null}
      {refused.length ? (
        <Box tag="ul" data-testid="import-refused">
          {refused.slice(0, SHOWN_REFUSALS).map((line) => (
            <Typography key={line.line} tag="li" variant="pi" textColor="neutral700">
              {t('suppressions.import.refusedLine', 'Line {line}: {message}', {
                line: line.line,
                message: line.message,
              })}
            </Typography>
          ))}
          {refused.length > SHOWN_REFUSALS ? (
            <Typography tag="li" variant="pi" textColor="neutral600">
              {t('suppressions.import.moreRefused', '… and {count} more', {
                count: refused.length - SHOWN_REFUSALS,
              })}
            </Typography>
          ) : null}
        </Box>
      ) : null}
    </FormModal>
  );
};

export { ImportSuppressionsModal };
