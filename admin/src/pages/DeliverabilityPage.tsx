import { Button, EmptyStateLayout, Flex, Typography } from '@strapi/design-system';
import { MinusCircle, Plus } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { SendingDomain } from '../../../shared/contracts/deliverability';
import { AddDomainModal } from '../components/AddDomainModal';
import { ChangeSelectorModal } from '../components/ChangeSelectorModal';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DnsRecordModal, type RecordReason } from '../components/DnsRecordModal';
import { DomainsTable } from '../components/DomainsTable';
import { ModuleOffBanner } from '../components/ModuleOffBanner';
import { PageHeader } from '../components/PageHeader';
import { PageLinkButton } from '../components/PageLinkButton';
import { useDomainPermissions } from '../hooks/useDomainPermissions';
import { useSendingDomains } from '../hooks/useSendingDomains';
import { useSuppressionPermissions } from '../hooks/useSuppressionPermissions';
import { useTranslate } from '../hooks/useTranslate';
import { panelPaths } from '../utils/panelPaths';

/** Deliverability: the sending domains and their DKIM keys (add, publish, rotate, switch off, delete). */
const DeliverabilityPage = () => {
  const t = useTranslate();
  const permissions = useDomainPermissions();
  const suppressionPermissions = useSuppressionPermissions();
  const { domains, loadError, busyId, update, remove, added, replaced } = useSendingDomains(
    permissions.canRead
  );
  const [searchParams, setSearchParams] = useSearchParams();
  // `?add=example.com`: the account form's "Add a DKIM key for example.com"
  const addParam = searchParams.get('add');
  const [isAdding, setIsAdding] = useState(false);
  const [record, setRecord] = useState<{ domain: SendingDomain; reason: RecordReason } | null>(
    null
  );
  const [selectorOf, setSelectorOf] = useState<SendingDomain | null>(null);
  const [confirm, setConfirm] = useState<{
    kind: 'rotate' | 'delete';
    domain: SendingDomain;
  } | null>(null);

  if (permissions.isLoading || suppressionPermissions.isLoading) return <Page.Loading />;
  if (!permissions.canRead) return <Page.NoPermissions />;
  if (loadError) return <Page.Error />;
  if (domains === null) return <Page.Loading />;

  const canManage = permissions.canManage;
  const addOpen = canManage && (isAdding || addParam !== null);
  const closeAdd = () => {
    setIsAdding(false);
    if (addParam !== null)
      setSearchParams(
        (params) => {
          const next = new URLSearchParams(params);
          next.delete('add');
          return next;
        },
        { replace: true }
      );
  };
  const confirmed = async () => {
    if (!confirm) return;
    if (confirm.kind === 'delete') {
      if (await remove(confirm.domain)) setConfirm(null);
      return;
    }
    const rotated = await update(confirm.domain, { rotate: true });
    setConfirm(null);
    if (rotated) setRecord({ domain: rotated, reason: 'rotated' });
  };
  const title = t('domains.title', 'Deliverability');
  const addButton = (
    <Button startIcon={<Plus />} onClick={() => setIsAdding(true)}>
      {t('domains.add', 'Add domain')}
    </Button>
  );

  return (
    <Page.Main>
      <PageHeader
        title={title}
        subtitle={t(
          'domains.subtitle',
          'DKIM keys per sending domain: every mail From a domain here is signed with its key'
        )}
        primaryAction={canManage ? addButton : undefined}
        secondaryAction={
          suppressionPermissions.canRead ? (
            <PageLinkButton to={panelPaths.suppressions} icon={<MinusCircle />}>
              {t('accounts.suppressions', 'Suppressions')}
            </PageLinkButton>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <ModuleOffBanner />
          {domains.length === 0 ? (
            <EmptyStateLayout
              icon={<EmptyDocuments width="16rem" />}
              content={t(
                'domains.empty',
                'No sending domain yet: mail is sent without a DKIM signature. Gmail, Yahoo and Microsoft want bulk mail signed by the From domain.'
              )}
              action={canManage ? addButton : undefined}
            />
          ) : (
            <>
              <DomainsTable
                domains={domains}
                busyId={busyId}
                onShowRecord={(domain) => setRecord({ domain, reason: 'view' })}
                onToggleActive={
                  canManage ? (domain, active) => void update(domain, { active }) : undefined
                }
                onChangeSelector={canManage ? setSelectorOf : undefined}
                onRotate={
                  canManage ? (domain) => setConfirm({ kind: 'rotate', domain }) : undefined
                }
                onDelete={
                  canManage ? (domain) => setConfirm({ kind: 'delete', domain }) : undefined
                }
              />
              <Typography textColor="neutral600" data-testid="domains-total">
                {t('domains.total', '{total, plural, one {# domain} other {# domains}}', {
                  total: domains.length,
                })}
              </Typography>
            </>
          )}
        </Flex>
      </Layouts.Content>
      <AddDomainModal
        open={addOpen}
        initialDomain={addParam ?? ''}
        onClose={closeAdd}
        onAdded={(domain) => {
          added(domain);
          closeAdd();
          setRecord({ domain, reason: 'added' });
        }}
      />
      <ChangeSelectorModal
        domain={selectorOf}
        onClose={() => setSelectorOf(null)}
        onChanged={(domain) => {
          replaced(domain);
          setSelectorOf(null);
          setRecord({ domain, reason: 'selector' });
        }}
      />
      <DnsRecordModal
        domain={record?.domain ?? null}
        reason={record?.reason ?? 'view'}
        onClose={() => setRecord(null)}
      />
      <ConfirmDialog
        open={confirm !== null}
        title={
          confirm?.kind === 'delete'
            ? t('domains.deleteDialog.title', 'Delete the DKIM key of {domain}?', {
                domain: confirm.domain.domain,
              })
            : t('domains.rotateDialog.title', 'Make a new key for {domain}?', {
                domain: confirm?.domain.domain ?? '',
              })
        }
        confirmLabel={
          confirm?.kind === 'delete'
            ? t('domains.deleteDialog.confirm', 'Delete the key')
            : t('domains.rotateDialog.confirm', 'Make a new key')
        }
        tone={confirm?.kind === 'delete' ? 'danger' : 'default'}
        isBusy={confirm !== null && busyId === confirm.domain.id}
        onCancel={() => setConfirm(null)}
        onConfirm={() => void confirmed()}
      >
        {confirm?.kind === 'delete'
          ? t(
              'domains.deleteDialog.body',
              'Mail From {domain} is no longer signed, and the key cannot be brought back. Remove its TXT record from the DNS afterwards.',
              { domain: confirm.domain.domain }
            )
          : t(
              'domains.rotateDialog.body',
              'Publish the new record first: mail From {domain} is signed with the new key at once, and receivers fail DKIM until the DNS holds it. To avoid that gap, turn signing off, make the new key, publish its record, then turn signing on again.',
              { domain: confirm?.domain.domain ?? '' }
            )}
      </ConfirmDialog>
    </Page.Main>
  );
};

export { DeliverabilityPage };
