/** `GET /smtp-accounts/stats` (action log.read): the home-page widget's figures. */
export declare namespace GetSendStats {
  interface Response {
    data: {
      /** The module switch: while off, nothing is routed or logged. */
      enabled: boolean;
      windowHours: number;
      /** Start of the window (ISO 8601): the widget's links filter the log from here. */
      since: string;
      counts: { sent: number; failed: number; fallback: number };
      /** Accounts whose last attempt failed. */
      failingAccounts: { id: number; name: string; email: string; lastFailureAt: string | null; stage: string | null }[];
    };
  }
}
