// Every browser sign-in path the cluster serves: its own pages, SAML and OIDC.
import { clusterPages } from './cluster-pages.js';
import { oidcRoutes } from './oidc.js';
import type { PageRoutes } from './page-route.js';
import { samlRoutes } from './saml.js';

export const clusterSsoRoutes: PageRoutes = { ...clusterPages, ...samlRoutes, ...oidcRoutes };
