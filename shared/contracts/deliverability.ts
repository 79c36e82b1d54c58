/**
 * Deliverability: DKIM keys per sending domain, the domain check (SPF, DKIM, DMARC, alignment), one-click
 * unsubscribe and the suppression list. Shared by the server and the panel.
 */
/** RSA 2048 (what nodemailer signs, and what Gmail, Yahoo and Microsoft verify). */
export const DKIM_ALGORITHMS = ['rsa-2048'] as const;
export type DkimAlgorithm = (typeof DKIM_ALGORITHMS)[number];

export const SUPPRESSION_REASONS = ['unsubscribe', 'bounce', 'complaint', 'manual'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];
/** A suppression for every newsletter (the default scope), or for one list (a campaign's `list` key). */
export const ALL_NEWSLETTERS = '*';

/** SPF's result for the account's server (RFC 7208), or why there is none. */
export type SpfResult =
  'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror';

/** What the DNS says about a sending domain, for one account (SPF depends on the account's server). */
export interface DomainCheck {
  checkedAt: string;
  /** The From domain checked (the account's address's domain). */
  domain: string;
  spf: { result: SpfResult; record: string | null; ip: string | null; detail: string | null };
  /** `pass`: the selector's record holds this domain's public key; `missing`: no record; `mismatch`: another key; `nokey`: no DKIM key for the domain here. */
  dkim: {
    result: 'pass' | 'missing' | 'mismatch' | 'nokey' | 'temperror';
    selector: string | null;
    record: string | null;
  };
  dmarc: {
    result: 'present' | 'missing' | 'temperror';
    record: string | null;
    policy: 'none' | 'quarantine' | 'reject' | null;
  };
  /** DMARC alignment: DKIM signs with d= the From domain; SPF passes for the envelope sender, which is the From address. */
  alignment: { dkim: boolean; spf: boolean };
  /** `ok`: DKIM or SPF aligned and passing, and DMARC published; `warning`: one of them missing; `failing`: neither aligned pass; `unknown`: DNS unreachable. */
  status: 'ok' | 'warning' | 'failing' | 'unknown';
}

export interface SendingDomain {
  id: number;
  /** The From domain whose mail is signed (lower case). */
  domain: string;
  /** The DKIM selector chosen by the admin (`<selector>._domainkey.<domain>`). */
  selector: string;
  algorithm: DkimAlgorithm;
  /** Sign every mail From this domain (off: the key is kept, nothing is signed). */
  active: boolean;
  /** The DNS name and the exact TXT value to publish. */
  dnsName: string;
  dnsRecord: string;
  createdAt: string;
  updatedAt: string;
}

export interface SendingDomainInput {
  domain: string;
  selector: string;
  algorithm?: DkimAlgorithm;
  active?: boolean;
}

export declare namespace ListDomains {
  interface Response {
    data: SendingDomain[];
  }
}
export declare namespace CreateDomain {
  interface Request {
    body: { data: SendingDomainInput };
  }
  interface Response {
    data: SendingDomain;
  }
}
export declare namespace UpdateDomain {
  interface Params {
    id: string;
  }
  /** `rotate: true` makes a new key pair (publish the new record before mail is signed with it). */
  interface Request {
    body: { data: { active?: boolean; selector?: string; rotate?: boolean } };
  }
  interface Response {
    data: SendingDomain;
  }
}
export declare namespace DeleteDomain {
  interface Params {
    id: string;
  }
  interface Response {
    data: { id: number };
  }
}
/** The domain check of one account, run now (`POST /accounts/:id/domain-check`). */
export declare namespace CheckAccountDomain {
  interface Params {
    id: string;
  }
  interface Response {
    data: DomainCheck;
  }
}

export interface Suppression {
  id: number;
  address: string;
  /** `*`: every newsletter; else the list key it applies to. */
  scope: string;
  reason: SuppressionReason;
  /** Where it came from: the bounce's reply, the list unsubscribed from, the admin who added it. */
  detail: string | null;
  createdAt: string;
}

export declare namespace ListSuppressions {
  interface Query {
    q?: string;
    reason?: SuppressionReason;
    page?: string;
    pageSize?: string;
  }
  interface Response {
    data: Suppression[];
    meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
  }
}
export declare namespace CreateSuppression {
  interface Request {
    body: { data: { address: string; scope?: string; reason?: SuppressionReason } };
  }
  interface Response {
    data: Suppression;
  }
}
export declare namespace DeleteSuppression {
  interface Params {
    id: string;
  }
  interface Response {
    data: { id: number };
  }
}
/** CSV in (`address,scope,reason` with a header line; scope and reason optional): added, already there, refused lines. */
export declare namespace ImportSuppressions {
  interface Request {
    body: { csv: string };
  }
  interface Response {
    /** `refused`: the first 100 bad lines, each with the code and field of its problem (translated by the panel). */
    data: {
      added: number;
      existing: number;
      refused: { line: number; message: string; code: string; field: string | null }[];
    };
  }
}
