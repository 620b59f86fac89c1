/**
 * The help texts: `tsm --help` and one page per command (`tsm token --help`, `tsm help token`).
 * Loaded only when help is asked for, so `tsm token` never parses this module.
 */
export const HELP = `tsm — ThoughtSpot sessions from the terminal

Usage: tsm COMMAND [options]

Profiles
  profile add NAME --url URL [--user USER] [--auth password|secret-key|token|saml|oidc|browser] [--org ID]
          [--dialect auto|A|B|C|V1] [--ca-file PEM] [--insecure] [--validity S] [--auto-renew|--no-auto-renew]
  profile edit NAME [--url URL] [--user USER] [--org ID] [--validity S] [--auto-renew|--no-auto-renew]
          [--ca-file PEM] [--insecure|--secure] [--name NEW]   (a new URL or user signs you out)
  profile list [--json] | show NAME | remove NAME | default NAME | export FILE | import FILE

Sessions (-p NAME picks a profile; the default profile otherwise)
  status    every profile: signed in as, session, time left, org (no network; exit 3 if the
            default profile has no live session)
  login     sign in (cookie session; a token for secret-key and token profiles)
            secrets from a prompt, or --password-stdin / --secret-key-stdin / --token-stdin;
            saml, oidc and browser profiles sign in in a browser window (--timeout S)
  token     print a token valid for at least --min-ttl S (default 60), renewing if allowed;
            --as USER mints one for another user (secret-key profiles: full, object, custom)
  info      who you are signed in as         validate  ask the cluster whether the session lives
  logout    sign out and forget the secrets  revoke    revoke the token at the cluster
            (revoke --user USER: every token of USER, as an administrator)
  org list  the orgs you may enter (* the session's)   org switch ORG   move the session there
  exec -- CMD ARGS...   run CMD with TS_URL, TS_TOKEN and/or TS_COOKIE set; exits with CMD's code
  doctor    check settings, secrets, cluster, TLS, dialect, clock, session
  log       the audit log (newest first)
  completion bash|zsh|fish   a shell completion script (commands, options, profile names)

tsm COMMAND --help (or tsm help COMMAND) describes one command.
Options: --json (stable output for scripts), --verbose (the server's details on errors), -h/--help
Exit codes: 0 ok, 1 unexpected, 2 usage, 3 auth, 4 network/TLS/server, 5 keychain, 6 settings file
Environment: TSM_CONFIG_DIR, TSM_KEYCHAIN_SERVICE, TSM_SECRET_STORE=encrypted-file (+ TSM_SECRETS_PASSPHRASE)
`;

interface CommandHelp {
  usage: string;
  about: string;
  options: string[];
  example: string;
  /** Beyond 0 (ok), 1 (unexpected) and 2 (usage), which every command has. */
  exits: string[];
}

const PROFILE = '-p, --profile NAME   the profile to use (default: the default profile)';
const JSON_OUT = '--json               one JSON document on stdout, for scripts';
const VERBOSE = "--verbose            the server's details (code, incident id) on errors";
const AUTH = '3 not signed in, or the cluster refused the sign-in';
const NET = '4 network, TLS or server trouble';
const KEYS = '5 keychain (or encrypted secrets file) unavailable';
const SETTINGS = '6 settings file cannot be read or written';

const COMMANDS: Record<string, CommandHelp> = {
  profile: {
    usage: `tsm profile add NAME --url URL [--user USER] [options]
       tsm profile edit NAME [options] [--name NEW]
       tsm profile list | show NAME | remove NAME | default NAME | export [FILE|-] | import FILE`,
    about:
      "Profiles name a cluster and a user; they hold no secrets. remove also forgets the profile's secrets; edit with a new --url or --user signs you out of the profile (its secrets are forgotten), other edits keep the session.",
    options: [
      '--url URL            the cluster (https://; http:// only for loopback or with --assume-https)',
      '--user USER          the ThoughtSpot username (saml, oidc, browser: learned at sign-in)',
      '--auth METHOD        password (default), secret-key (trusted authentication), token,',
      "                     saml or oidc (single sign-on), browser (the cluster's page: multi-factor)",
      '--org ID             the org to sign in to',
      '--dialect D          auto (default), A, B, C or V1: which session API the cluster speaks',
      '--ca-file PEM        trust the certificates in this file as well',
      '--insecure           accept any TLS certificate (warned about: anyone can read the password)',
      '--validity S         token lifetime to ask for, in seconds',
      '--auto-renew, --no-auto-renew   keep the credential to renew tokens (default: on)',
      '--secure             (edit) verify TLS certificates again; --ca-file "" forgets the CA file',
      '--name NEW           (edit) rename the profile; it stays signed in',
      JSON_OUT,
    ],
    example: 'tsm profile add Prod --url https://acme.thoughtspot.cloud --user me@acme.com',
    exits: [KEYS, SETTINGS],
  },
  login: {
    usage: `tsm login [-p NAME] [--password-stdin | --secret-key-stdin | --token-stdin] [--bearer] [--org ID]
       tsm login [-p NAME] [--timeout S] [--browser-endpoint URL]   (saml, oidc, browser profiles)`,
    about:
      "Signs in by the profile's method. The secret is asked with echo off, or read from stdin; never from arguments. SAML, OIDC and browser profiles open the sign-in page in a browser of tsm's own (a fresh profile, deleted afterwards), wait for you to finish there, and keep the cluster's session; Ctrl-C or closing the window cancels. The browser: --browser-endpoint or TSM_BROWSER_ENDPOINT (a running Chromium's DevTools endpoint, http://127.0.0.1:PORT), else TSM_BROWSER (an executable), else the first of chromium, google-chrome, microsoft-edge, brave on PATH.",
    options: [
      PROFILE,
      '--password-stdin     read the password from stdin (likewise --secret-key-stdin, --token-stdin)',
      '--bearer             a bearer token instead of a cookie session (password profiles)',
      '--remember-me        ask the cluster for a long cookie session',
      '--org ID             sign in to this org (its id, as `tsm org list` shows); kept once accepted',
      '--timeout S          how long to wait for a browser sign-in (default 300)',
      '--browser-endpoint URL   sign in in this running browser (a new tab, a fresh context)',
      JSON_OUT,
      VERBOSE,
    ],
    example: 'printf %s "$PASSWORD" | tsm login -p Prod --password-stdin',
    exits: [AUTH, NET, KEYS, SETTINGS],
  },
  token: {
    usage: `tsm token [-p NAME] [--min-ttl S] [--json]
       tsm token -p NAME --as USER [--org ORG] [--validity S] [--object GUID] [--json]
                 [--filter 'COLUMN OP V1[,V2...]']... [--param NAME=V1[,V2...]]...
                 [--variable NAME=V1[,V2...]]... [--persist replace|append]
                 [--group NAME]... [--email ADDRESS] [--display-name TEXT] [--no-auto-create]`,
    about:
      "Prints only the token on stdout, valid for at least --min-ttl seconds (default 60), renewing it when allowed. With --as, on a profile that signs in with the cluster's secret key, mints a token for another user instead (trusted authentication; the key goes from the keychain into the request body only): a full one, one limited to an object (--object), or a custom one carrying rules (--filter, --param, --variable: 10.4+, variables 10.14+), which the cluster keeps for USER as --persist says. USER is created when missing unless --no-auto-create; --group, --email and --display-name are used only then. A REST API v1 profile has no token (v1 issues none): use tsm exec, which sets TS_COOKIE. A minted token is printed and never stored: the profile's own token stays as it was. The audit log names USER, the kind and how many rules, never the token or the rules' values.",
    options: [
      PROFILE,
      '--min-ttl S          the least lifetime left the token must have',
      '--as USER            mint a token for USER (secret-key profiles)',
      '--org ORG            the org of the token: an id (a name only for custom tokens)',
      "--validity S         the minted token's lifetime, in seconds (default: the cluster's)",
      '--object GUID        limit the token to one Liveboard or Answer',
      "--filter RULE        a row rule 'COLUMN OP V1[,V2...]', OP one of EQ NE LT LE GT GE IN",
      '                     NOT_IN BW BW_INC BW_INC_MIN BW_INC_MAX CONTAINS BEGINS_WITH ENDS_WITH',
      '                     LIKE (upper case; \\, is a comma inside a value); repeatable',
      '--param NAME=V,...   a parameter value; repeatable (--variable likewise, formula variables)',
      '--persist replace|append   how the rules are kept for USER: replacing the stored ones, or',
      '                     added to them; needed with any rule',
      '--group NAME         a group for a created user; repeatable',
      '--email ADDRESS      (also --display-name TEXT) for a created user',
      '--no-auto-create     fail when USER does not exist instead of creating them',
      JSON_OUT,
      '                     (with --as: token, user, org, expiresAt, kind, scope)',
      VERBOSE,
    ],
    example:
      "export TS_TOKEN=$(tsm token -p Prod)\n  tsm token -p Embed --as analyst --filter 'Region EQ West' --persist replace",
    exits: [AUTH, NET, KEYS, SETTINGS],
  },
  info: {
    usage: 'tsm info [-p NAME] [--json]',
    about: 'Who the session belongs to, as the cluster sees it now.',
    options: [PROFILE, JSON_OUT, VERBOSE],
    example: 'tsm info -p Prod --json',
    exits: [AUTH, NET, KEYS, SETTINGS],
  },
  validate: {
    usage: 'tsm validate [-p NAME] [--json]',
    about: 'Asks the cluster whether the stored session still lives: exit 0 if it does.',
    options: [PROFILE, JSON_OUT, VERBOSE],
    example: 'tsm validate -p Prod || tsm login -p Prod',
    exits: [AUTH, NET, KEYS, SETTINGS],
  },
  logout: {
    usage: 'tsm logout [-p NAME] [--json]',
    about:
      "Signs out at the cluster and forgets the profile's secrets (password, secret key, token, cookies).",
    options: [PROFILE, JSON_OUT, VERBOSE],
    example: 'tsm logout -p Prod',
    exits: [NET, KEYS, SETTINGS],
  },
  revoke: {
    usage: `tsm revoke [-p NAME] [--json]
       tsm revoke -p NAME --user USER [--token-stdin] [--json]`,
    about:
      "Revokes the profile's token at the cluster, so no copy of it works anywhere. With --user, revokes every token of USER instead (or only the one read from stdin with --token-stdin), as an administrator: the call is made with the profile's own session (its token, renewed if needed, or its cookie session), which must have the ADMINISTRATION privilege; a secret key is no credential for it.",
    options: [
      PROFILE,
      "--user USER          revoke USER's tokens (an administrator's profile)",
      '--token-stdin        only this token of USER, read from stdin (never from arguments)',
      JSON_OUT,
      VERBOSE,
    ],
    example: 'tsm revoke -p Admin --user analyst',
    exits: [
      '3 not signed in, or the cluster refused (not an administrator: 403)',
      NET,
      KEYS,
      SETTINGS,
    ],
  },
  exec: {
    usage: 'tsm exec [-p NAME] [--min-ttl S] -- CMD [ARGS...]',
    about:
      'Runs CMD with TS_URL and TS_TOKEN in its environment (never on its argv) and exits with CMD\'s code. A cookie session also sets TS_COOKIE, the Cookie header for the cluster (curl -H "Cookie: $TS_COOKIE"); a REST API v1 profile gets TS_COOKIE only. Everything after -- is CMD\'s, --json and --help included.',
    options: [
      PROFILE,
      '--min-ttl S          the least lifetime left the token must have when CMD starts',
    ],
    example: 'tsm exec -p Prod -- ./report.sh --month 2025-01',
    exits: [
      AUTH,
      NET,
      KEYS,
      SETTINGS,
      "otherwise CMD's own code; 127 if CMD is not found, 128+N if a signal N ended it",
    ],
  },
  doctor: {
    usage: 'tsm doctor [-p NAME] [--json]',
    about:
      "Runs every check (settings, secret store, cluster, TLS, dialect, clock, the profile's session), one line each: ok, warn, FAIL, or skip when what it needs failed, with a hint. Exits with the most serious failure's code.",
    options: [PROFILE, JSON_OUT],
    example: 'tsm doctor -p Prod',
    exits: [AUTH, NET, KEYS, SETTINGS, '1 another check failed'],
  },
  status: {
    usage: 'tsm status [--json]',
    about:
      'Every profile with who it is signed in as, the session kind, time left and org, read from the keychain (or encrypted secrets file) only: not checked with the cluster.',
    options: [JSON_OUT],
    example: 'tsm status || tsm login',
    exits: ['3 the default profile has no live session (or there are no profiles)', KEYS, SETTINGS],
  },
  org: {
    usage: `tsm org list [-p NAME] [--json]
       tsm org switch ORG [-p NAME] [--json]`,
    about:
      "list: the orgs the signed-in user may enter, as the cluster says now; * marks the one the session is in (--json: current, orgs). switch: moves the session to ORG, a name or an id the user is in: a profile with a remembered password or a kept secret key signs in again for that org; a cookie session (SSO included) moves in place and, where the cluster issues tokens, gets a token for the new org. The old org's token is dropped, and the profile keeps the new org. Needs /api/rest/2.0 (dialect C) or REST API v1 (8.10 and later).",
    options: [PROFILE, JSON_OUT, VERBOSE],
    example: 'tsm org list -p Prod\n  tsm org switch Sales -p Prod',
    exits: [
      "2 not one of the user's orgs (the message lists them), or the cluster has no orgs call",
      '3 not signed in, or the switch needs a new sign-in (the message says which)',
      NET,
      KEYS,
      SETTINGS,
    ],
  },
  completion: {
    usage: 'tsm completion bash|zsh|fish',
    about:
      'Prints a completion script for the shell: commands, options, and profile names (asked of tsm as you type, read from settings; the keychain is never opened).',
    options: [],
    example: 'source <(tsm completion bash)   # or add that line to ~/.bashrc',
    exits: [],
  },
  log: {
    usage: 'tsm log [-p NAME] [-n COUNT] [--json]',
    about: 'The audit log, newest first: sign-ins, renewals, revocations, failures. No secrets.',
    options: [PROFILE, '-n COUNT             how many entries (default 50)', JSON_OUT],
    example: 'tsm log -p Prod -n 10',
    exits: [SETTINGS],
  },
};

/** Every command that has a page, in the order `tsm --help` lists them (shell completion). */
export function commandNames(): string[] {
  return Object.keys(COMMANDS);
}

export function hasCommandHelp(command: string): boolean {
  return Object.hasOwn(COMMANDS, command);
}

/** One command's page: usage, what it does, options, an example, the exit codes that apply. */
export function commandHelp(command: string): string {
  const help = COMMANDS[command];
  if (!help) return HELP;
  return [
    `Usage: ${help.usage}`,
    '',
    help.about,
    '',
    'Options:',
    ...[...help.options, '-h, --help           this help'].map((line) => `  ${line}`),
    '',
    'Example:',
    `  ${help.example}`,
    '',
    'Exit codes:',
    ...['0 ok', '1 unexpected', '2 usage', ...help.exits].map((line) => `  ${line}`),
    '',
  ].join('\n');
}
