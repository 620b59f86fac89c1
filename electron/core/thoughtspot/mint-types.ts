/** Trusted authentication for other users (dialect C): what is asked and what comes back. */

/** The operators of `filter_rules`, as ThoughtSpot names them (the 2.x SDK's FilterRulesOperatorEnum). */
export const FILTER_OPERATORS = [
  'EQ',
  'NE',
  'LT',
  'LE',
  'GT',
  'GE',
  'IN',
  'NOT_IN',
  'BW',
  'BW_INC',
  'BW_INC_MIN',
  'BW_INC_MAX',
  'CONTAINS',
  'BEGINS_WITH',
  'ENDS_WITH',
  'LIKE',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** `token/full`, `token/object` (one object) or `token/custom` (rules, 10.4+). */
export type MintKind = 'full' | 'object' | 'custom';

/** How a custom token's rules are kept for the user, at mint time (NONE/RESET are legacy). */
export type PersistOption = 'REPLACE' | 'APPEND';

export interface FilterRule {
  column: string;
  operator: FilterOperator;
  values: string[];
}

export interface NamedValues {
  name: string;
  values: string[];
}

export interface MintTokenRequest {
  kind: MintKind;
  username: string;
  secretKey: string;
  validitySeconds?: number;
  /** full/object: an org id; custom: an org id or name (`org_identifier`). */
  org?: number | string;
  /** object: the Liveboard or Answer the token is limited to. */
  objectId?: string;
  /** custom only, and then required. */
  persist?: PersistOption;
  filterRules?: FilterRule[];
  parameters?: NamedValues[];
  /** 10.14+. */
  variables?: NamedValues[];
  /** Just-in-time provisioning: used when the user is created, ignored when they exist. */
  autoCreate?: boolean;
  email?: string;
  displayName?: string;
  groups?: string[];
}

export interface MintedToken {
  kind: MintKind;
  token: string;
  /** Absolute epoch ms. */
  createdAt: number;
  /** Absolute epoch ms. */
  expiresAt: number;
  username: string;
  userId?: string;
  org?: { id: number; name?: string };
  /** object: what the cluster says the token is limited to. */
  objectId?: string;
  /** custom: the cluster's id of the token. */
  id?: string;
}
