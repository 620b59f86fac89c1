/** The orgs a profile's user may enter, and moving its session between them. */
export { Orgs, type OrgsOptions, type OrgSwitchResult } from './orgs.js';
export { KnownOrgs, hasSession } from './known-orgs.js';
export { chooseOrg, orgLabel, orgTextSchema } from './org-choice.js';
export type { OrgEntry, OrgList } from '../thoughtspot/index.js';
