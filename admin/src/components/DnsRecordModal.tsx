import {
  Box,
  Button,
  Field,
  Flex,
  Modal,
  Textarea,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { Duplicate } from '@strapi/icons';
import type { SendingDomain } from '../../../shared/contracts/deliverability';
import { useCopyText } from '../hooks/useCopyText';
import { useTranslate } from '../hooks/useTranslate';

/** Why the record is shown: a new key (added, rotated, new selector) must be published now. */
export type RecordReason = 'added' | 'rotated' | 'selector' | 'view';

const INTRO: Record<RecordReason, string> = {
  added:
    'Publish this TXT record in the DNS of {domain}. Mail From {domain} is signed from now on; receivers can verify the signature once the record is published.',
  rotated:
    'A new key pair: publish this record now. Mail From {domain} is signed with the new key already, and receivers fail DKIM until the DNS holds it.',
  selector:
    'A new selector and key pair: publish this record now. Mail From {domain} is signed with it already; remove the old record once mail signed with the old key has been delivered.',
  view: 'The TXT record of the current key of {domain}, as it must stand in the DNS.',
};

interface DnsRecordModalProps {
  domain: SendingDomain | null;
  reason: RecordReason;
  onClose: () => void;
}

/** The DNS name and the exact TXT value of a domain's DKIM key, each with a copy button. */
const DnsRecordModal = ({ domain, reason, onClose }: DnsRecordModalProps) => {
  const t = useTranslate();
  const copy = useCopyText();
  return (
    <Modal.Root
      open={domain !== null}
      onOpenChange={(open: boolean) => (!open ? onClose() : undefined)}
    >
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>
            {t('domains.record.title', 'DNS record for {domain}', {
              domain: domain?.domain ?? '',
            })}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {domain ? (
            <Flex direction="column" alignItems="stretch" gap={5}>
              <Typography tag="p" textColor="neutral800">
                {t(`domains.record.intro.${reason}`, INTRO[reason], { domain: domain.domain })}
              </Typography>
              <Flex gap={2} alignItems="flex-end">
                <Box grow={1}>
                  <Field.Root name="dnsName" hint={t('domains.record.type', 'Type: TXT')}>
                    <Field.Label>{t('domains.record.name', 'Name')}</Field.Label>
                    <TextInput value={domain.dnsName} readOnly data-testid="dns-name" />
                    <Field.Hint />
                  </Field.Root>
                </Box>
                <Box paddingBottom={6}>
                  <Button
                    type="button"
                    variant="secondary"
                    startIcon={<Duplicate />}
                    onClick={() => void copy(domain.dnsName)}
                  >
                    {t('domains.record.copyName', 'Copy the name')}
                  </Button>
                </Box>
              </Flex>
              <Field.Root
                name="dnsRecord"
                hint={t(
                  'domains.record.hint',
                  'A DNS form takes the value whole; in a zone file, split it into quoted strings of at most 255 characters.'
                )}
              >
                <Field.Label>{t('domains.record.value', 'Value')}</Field.Label>
                <Textarea
                  value={domain.dnsRecord}
                  readOnly
                  rows={6}
                  style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
                  data-testid="dns-record"
                />
                <Field.Hint />
              </Field.Root>
            </Flex>
          ) : null}
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('domains.record.close', 'Close')}</Button>
          </Modal.Close>
          {domain ? (
            <Button startIcon={<Duplicate />} onClick={() => void copy(domain.dnsRecord)}>
              {t('domains.record.copy', 'Copy the record')}
            </Button>
          ) : null}
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

export { DnsRecordModal };
