import type { SortKey } from './sortAccounts';

/**
 * A table column shown from a design-system breakpoint up (`medium` 768 px, `large` 1080 px) and hidden
 * below it: on a narrow window the columns of lower priority give way, so that what a row is for (its
 * status, its actions) stays in view instead of behind a sideways scroll. What a hidden column holds is
 * still on the entry's own page or dialog.
 */
export const SHOWN_FROM_MEDIUM = { initial: 'none', medium: 'table-cell' } as const;
export const SHOWN_FROM_LARGE = { initial: 'none', large: 'table-cell' } as const;
/** Shown below `large` only: what a hidden column held, repeated in a cell that stays. */
export const HIDDEN_FROM_LARGE = { initial: 'block', large: 'none' } as const;

export type ColumnDisplay = typeof SHOWN_FROM_MEDIUM | typeof SHOWN_FROM_LARGE;

/**
 * The accounts table: the sender email (with its badges, "Newsletters first" among them), health (last 24 h)
 * and the actions always stay; the security mode stands under the server.
 */
export const ACCOUNT_COLUMN_DISPLAY: Partial<Record<SortKey, ColumnDisplay>> = {
  id: SHOWN_FROM_LARGE,
  name: SHOWN_FROM_LARGE,
  server: SHOWN_FROM_LARGE,
  active: SHOWN_FROM_MEDIUM,
};

/** The send log: time, addresses, subject and status always stay; the entry's dialog has every attempt. */
export const LOG_COLUMN_DISPLAY: Partial<Record<string, ColumnDisplay>> = {
  account: SHOWN_FROM_LARGE,
  attempts: SHOWN_FROM_LARGE,
};
