/** Tokens for other users (trusted authentication) and revoking another user's tokens. */
export {
  TokensForUsers,
  revokeForUserSchema,
  type MintResult,
  type MintScope,
  type RevokeForUserRequest,
  type TokensForUsersOptions,
} from './tokens-for-users.js';
export {
  mintRequestSchema,
  filterRuleSchema,
  namedValuesSchema,
  parseMintRequest,
  mintKind,
  type MintRequest,
} from './mint-request.js';
export { parseFilterText, parseNamedText, FILTER_FORM, NAMED_FORM } from './rule-text.js';
export { mintedMessage, revokedForMessage } from './mint-audit.js';
export {
  mintFormSchema,
  readMintForm,
  fieldLabel,
  MINT_KINDS,
  type MintForm,
} from './mint-form.js';
export { MintedThisRun, MINTED_CAP, type MintedSummary } from './minted-this-run.js';
export { MintedTokens, type MintedTokensOptions } from './minted-tokens.js';
