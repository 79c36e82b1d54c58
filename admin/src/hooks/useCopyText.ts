import { useClipboard, useNotification } from '@strapi/strapi/admin';
import { useCallback } from 'react';
import { useTranslate } from './useTranslate';

/**
 * The old way, for a page without the Clipboard API: an admin served over plain http on a LAN address is
 * no "secure context", and browsers give it no `navigator.clipboard`.
 */
const copyWithSelection = (text: string) => {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    // deprecated, and still the only way outside a secure context
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    document.body.removeChild(area);
  }
};

/** Copies a text (Strapi's useClipboard, else a selection) and says so in a notification. */
export const useCopyText = () => {
  const { copy } = useClipboard();
  const { toggleNotification } = useNotification();
  const t = useTranslate();
  return useCallback(
    async (text: string) => {
      const copied = (await copy(text)) || copyWithSelection(text);
      toggleNotification(
        copied
          ? { type: 'success', message: t('copy.done', 'Copied') }
          : {
              type: 'warning',
              message: t('copy.failed', 'Could not copy: select the text and copy it by hand'),
            }
      );
      return copied;
    },
    [copy, toggleNotification, t]
  );
};
