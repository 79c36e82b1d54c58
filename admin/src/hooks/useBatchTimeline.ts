import { useCallback, useState } from 'react';
import type { BatchTimeline } from '../../../shared/contracts/campaigns';
import { useAdminApi } from './useAdminApi';

/**
 * A batch's sends over time for its page's chart: the last timeline read, whether the last read failed, and
 * `reload` (the page calls it with its own polling). A failure is the chart's own: the page stays usable.
 */
export const useBatchTimeline = (batchId: string) => {
  const api = useAdminApi();
  const [timeline, setTimeline] = useState<BatchTimeline | null>(null);
  const [failed, setFailed] = useState(false);
  const reload = useCallback(async () => {
    try {
      const { data } = await api.getBatchTimeline({ id: batchId });
      setTimeline(data);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [api, batchId]);
  return { timeline, failed, reload };
};
