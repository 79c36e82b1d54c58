import type { BatchState } from '../../../shared/constants';
import type { BatchCounts } from '../../../shared/contracts/campaigns';
import { panelPaths } from './panelPaths';

/** A batch in one of these states sends nothing more: no refresh, no Pause / Resume / Cancel. */
export const FINISHED_STATES: readonly BatchState[] = ['cancelled', 'done'];

export const isFinished = (state: BatchState) => FINISHED_STATES.includes(state);

/** How far a batch got: every stored message that reached an end (sent, failed, cancelled or suppressed). */
export const batchProgress = (counts: BatchCounts) => {
  const finished = counts.sent + counts.failed + counts.cancelled + counts.suppressed;
  const percent = counts.total > 0 ? Math.min(100, Math.floor((finished * 100) / counts.total)) : 0;
  return { finished, total: counts.total, percent };
};

/** Which of Pause / Resume / Cancel a batch in this state takes (the server answers 400 to the others). */
export const batchActions = (state: BatchState) => ({
  pause: state === 'active' || state === 'enqueuing',
  resume: state === 'paused',
  cancel: !isFinished(state),
});

export type EtaParts =
  | { unit: 'seconds'; seconds: number }
  | { unit: 'minutes'; minutes: number }
  | { unit: 'hours'; hours: number; minutes: number }
  | { unit: 'days'; days: number; hours: number };

/** An ETA in the largest units that read well (rounded up: "1 min" is never shown for 61 s of work). */
export const etaParts = (etaSeconds: number | null): EtaParts | null => {
  if (etaSeconds === null || !Number.isFinite(etaSeconds) || etaSeconds < 0) return null;
  const seconds = Math.ceil(etaSeconds);
  if (seconds < 60) return { unit: 'seconds', seconds };
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return { unit: 'minutes', minutes };
  if (minutes < 24 * 60)
    return { unit: 'hours', hours: Math.floor(minutes / 60), minutes: minutes % 60 };
  const hours = Math.ceil(minutes / 60);
  return { unit: 'days', days: Math.floor(hours / 24), hours: hours % 24 };
};

/** The send log filtered to one batch (and a status), as a panel address. */
export const batchLogPath = (
  batchId: number,
  status?: 'failed' | 'sent' | 'fallback' | 'suppressed' | 'uncertain'
) => {
  const params = new URLSearchParams({ batchId: String(batchId) });
  if (status === 'uncertain') params.set('uncertain', 'true');
  else if (status) params.set('status', status);
  return panelPaths.log(params);
};

export const campaignPath = (batchId: number) => panelPaths.campaign(batchId);
