import {
  Badge,
  Flex,
  Link,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import type { DomainCheck } from '../../../shared/contracts/deliverability';
import { useDomainCheckText } from '../hooks/useDomainCheckText';
import { useTranslate } from '../hooks/useTranslate';
import { resultTone, type Tone } from '../utils/domainCheck';
import { panelPaths } from '../utils/panelPaths';

interface DomainCheckTableProps {
  check: DomainCheck;
  /** The role may open the Deliverability page (domains.read): a missing key links there. */
  canOpenDomains: boolean;
}

/** A record as the DNS holds it: monospace, wrapped anywhere (a DKIM key is one long word). */
const record = (value: string) => (
  <Typography
    variant="pi"
    textColor="neutral700"
    style={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}
  >
    {value}
  </Typography>
);
const badge = (tone: Tone, text: string, result: string) => (
  <Badge variant={tone} data-result={result}>
    {text}
  </Badge>
);

/** SPF, DKIM, DMARC and alignment of one domain check, a row each: the result and what it is based on. */
const DomainCheckTable = ({ check, canOpenDomains }: DomainCheckTableProps) => {
  const t = useTranslate();
  const text = useDomainCheckText();
  const none = t('domainCheck.noRecord', 'no record');
  const yesNo = (value: boolean) =>
    value ? t('domainCheck.yes', 'yes') : t('domainCheck.no', 'no');
  const keyLink = (label: string) =>
    canOpenDomains ? (
      <Link
        tag={NavLink}
        to={panelPaths.deliverability(check.dkim.result === 'nokey' ? check.domain : undefined)}
      >
        {label}
      </Link>
    ) : null;

  const rows: { part: string; name: string; result: ReactNode; details: ReactNode }[] = [
    {
      part: 'spf',
      name: 'SPF',
      result: badge(
        resultTone(check.spf.result),
        text.result('spf', check.spf.result),
        check.spf.result
      ),
      details: (
        <>
          {record(check.spf.record ?? none)}
          <Typography variant="pi" textColor="neutral600">
            {t('domainCheck.spf.ip', "This account's server: {ip}", {
              ip: check.spf.ip ?? t('domainCheck.spf.noIp', 'address unknown'),
            })}
          </Typography>
          {check.spf.detail ? (
            <Typography variant="pi" textColor="neutral600">
              {check.spf.detail}
            </Typography>
          ) : null}
        </>
      ),
    },
    {
      part: 'dkim',
      name: 'DKIM',
      result: badge(
        resultTone(check.dkim.result),
        text.result('dkim', check.dkim.result),
        check.dkim.result
      ),
      details:
        check.dkim.result === 'nokey' ? (
          <>
            <Typography variant="pi" textColor="neutral600">
              {t(
                'domainCheck.dkim.nokeyHint',
                'Mail From {domain} is not signed: it has no DKIM key here.',
                {
                  domain: check.domain,
                }
              )}
            </Typography>
            {keyLink(
              t('domainCheck.addKey', 'Add a DKIM key for {domain}', { domain: check.domain })
            )}
          </>
        ) : (
          <>
            <Typography variant="pi" textColor="neutral600">
              {t('domainCheck.dkim.selector', 'Selector: {selector}', {
                selector: check.dkim.selector ?? '—',
              })}
            </Typography>
            {record(check.dkim.record ?? none)}
            {check.dkim.result === 'missing' || check.dkim.result === 'mismatch'
              ? keyLink(t('domainCheck.showRecord', 'The record to publish'))
              : null}
          </>
        ),
    },
    {
      part: 'dmarc',
      name: 'DMARC',
      result: badge(
        resultTone(check.dmarc.result),
        text.result('dmarc', check.dmarc.result),
        check.dmarc.result
      ),
      details: (
        <>
          <Typography variant="pi" textColor="neutral600">
            {t('domainCheck.dmarc.policy', 'Policy: {policy}', {
              policy: check.dmarc.policy ?? '—',
            })}
          </Typography>
          {record(check.dmarc.record ?? none)}
        </>
      ),
    },
    {
      part: 'alignment',
      name: t('domainCheck.alignment', 'Alignment'),
      result:
        check.alignment.dkim || check.alignment.spf
          ? badge('success', t('domainCheck.aligned', 'aligned'), 'aligned')
          : badge('danger', t('domainCheck.notAligned', 'not aligned'), 'not-aligned'),
      details: (
        <Typography variant="pi" textColor="neutral600">
          {t('domainCheck.alignmentDetail', 'With {domain}: DKIM {dkim}, SPF {spf}', {
            domain: check.domain,
            dkim: yesNo(check.alignment.dkim),
            spf: yesNo(check.alignment.spf),
          })}
        </Typography>
      ),
    },
  ];

  return (
    <Table colCount={3} rowCount={rows.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">{t('domainCheck.column.check', 'Check')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('domainCheck.column.result', 'Result')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('domainCheck.column.details', 'Details')}</Typography>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => (
          <Tr key={row.part} data-check={row.part}>
            <Td>
              <Typography fontWeight="bold" textColor="neutral800">
                {row.name}
              </Typography>
            </Td>
            <Td>{row.result}</Td>
            <Td style={{ whiteSpace: 'normal' }}>
              <Flex
                direction="column"
                alignItems="flex-start"
                gap={1}
                paddingTop={2}
                paddingBottom={2}
              >
                {row.details}
              </Flex>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

export { DomainCheckTable };
