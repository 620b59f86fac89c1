// What the bridge script and the server agree on, with no imports: the script is bundled for a
// page, the server runs in Node.

/** The page key's header: a cookie reaches every port of the host, a header only what sets it. */
export const PAGE_KEY_HEADER = 'x-tsm-bridge';
/** Where the page asks, once, for its page key. */
export const PAGE_KEY_PATH = '/api/session-key';
