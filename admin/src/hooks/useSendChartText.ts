import { useCallback } from 'react';
import { SEND_CHART_MESSAGES, type SendChartMessageId } from '../utils/sendChartMessages';
import { useTranslate } from './useTranslate';

/** The send-rate chart's `t`: only its own ids, each with its English default. */
export const useSendChartText = () => {
  const t = useTranslate();
  return useCallback(
    (id: SendChartMessageId, values?: Record<string, string | number>) =>
      t(id, SEND_CHART_MESSAGES[id], values),
    [t]
  );
};
