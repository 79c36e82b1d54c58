import { Box, Button, Flex, Modal, Typography } from '@strapi/design-system';
import type { FormEvent, ReactNode } from 'react';
import type { ApiErrorInfo } from '../utils/apiError';
import { SmtpErrorAlert } from './SmtpErrorAlert';

interface FormModalProps {
  open: boolean;
  onClose: () => void;
  onSubmit: (event: FormEvent) => void;
  title: string;
  /** What the form does, above its fields. */
  intro: string;
  cancelLabel: string;
  submitLabel: string;
  /** A submit under way: Submit spins and is off. */
  isBusy: boolean;
  /** Submit is off too while this is false (nothing typed, nothing changed). */
  canSubmit: boolean;
  /** A refusal that no field shows, under the fields. */
  error?: ApiErrorInfo | null;
  onErrorClose?: () => void;
  gap?: 4 | 5;
  children: ReactNode;
}

/** A dialog holding one small form: title, intro, fields, a refusal, and Cancel / Submit. */
const FormModal = ({
  open,
  onClose,
  onSubmit,
  title,
  intro,
  cancelLabel,
  submitLabel,
  isBusy,
  canSubmit,
  error = null,
  onErrorClose = () => undefined,
  gap = 5,
  children,
}: FormModalProps) => (
  <Modal.Root open={open} onOpenChange={(next: boolean) => (!next ? onClose() : undefined)}>
    <Modal.Content>
      <form onSubmit={onSubmit} noValidate>
        <Modal.Header>
          <Modal.Title>{title}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={gap}>
            <Typography tag="p" textColor="neutral800">
              {intro}
            </Typography>
            {children}
            {error ? (
              <Box>
                <SmtpErrorAlert error={error} onClose={onErrorClose} />
              </Box>
            ) : null}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{cancelLabel}</Button>
          </Modal.Close>
          <Button type="submit" loading={isBusy} disabled={isBusy || !canSubmit}>
            {submitLabel}
          </Button>
        </Modal.Footer>
      </form>
    </Modal.Content>
  </Modal.Root>
);

export { FormModal };
