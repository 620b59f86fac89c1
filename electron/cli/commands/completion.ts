import { hasControlCharacters } from '../../core/text-checks.js';
import { parse } from '../args.js';
import type { Context } from '../context.js';
import { commandHelp, commandNames } from '../help.js';
import { UsageError } from '../usage-error.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

const PROFILE_SUBS = ['add', 'list', 'show', 'edit', 'remove', 'default', 'export', 'import'];
const ORG_SUBS = ['list', 'switch'];
/** `tsm profile SUB NAME`: the subcommands whose word after them is a profile's name. */
const NAMED_SUBS = ['show', 'remove', 'default', 'edit'];
/** Options whose value is a file, completed by the shell's own file completion. */
const FILE_OPTIONS = ['--ca-file'];

/**
 * Each command's options, read from its help page, so a flag documented there is completed and
 * the two cannot drift apart.
 */
function optionsOf(command: string): string[] {
  const page = commandHelp(command).split('\n');
  const from = page.indexOf('Options:');
  const to = page.indexOf('', from);
  const found = new Set<string>();
  for (const line of page.slice(from + 1, to)) {
    for (const [, short] of line.matchAll(/(?:^|\s)(-[a-zA-Z])(?=[,\s]|$)/g))
      found.add(short ?? '');
    for (const [long] of line.matchAll(/--[a-z][a-z-]*/g)) found.add(long);
  }
  return [...found].filter(Boolean);
}

function bash(): string {
  const commands = commandNames();
  const cases = commands
    .map((command) => `    ${command}) words='${optionsOf(command).join(' ')}' ;;`)
    .join('\n');
  return `# tsm completion for bash. Install: source <(tsm completion bash)   (e.g. in ~/.bashrc)
_tsm_profiles() {
  # Names come from tsm (settings only, never the keychain) as you type, so they stay current.
  # They are compared as plain text and quoted, never evaluated (no compgen -W on them).
  local name
  while IFS= read -r name; do
    [[ -n $name && $name == "$1"* ]] && COMPREPLY+=("$(printf '%q' "$name")")
  done < <(command tsm completion --profiles 2>/dev/null)
}
_tsm_complete() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  local cmd=\${COMP_WORDS[1]} sub=\${COMP_WORDS[2]} words=''
  COMPREPLY=()
  if [[ $prev == -p || $prev == --profile ]]; then _tsm_profiles "$cur"; return; fi
  case $prev in ${FILE_OPTIONS.join('|')}) compopt -o default 2>/dev/null; return ;; esac
  if [[ $cmd == profile ]] && (( COMP_CWORD == 3 )); then
    case $sub in ${NAMED_SUBS.join('|')}) _tsm_profiles "$cur"; return ;; esac
  fi
  if (( COMP_CWORD == 1 )); then words='${commands.join(' ')} help --help --version'
  elif [[ $cmd == help ]] && (( COMP_CWORD == 2 )); then words='${commands.join(' ')}'
  elif [[ $cmd == profile ]] && (( COMP_CWORD == 2 )); then words='${PROFILE_SUBS.join(' ')}'
  elif [[ $cmd == org ]] && (( COMP_CWORD == 2 )); then words='${ORG_SUBS.join(' ')}'
  elif [[ $cmd == completion ]] && (( COMP_CWORD == 2 )); then words='${SHELLS.join(' ')}'
  elif [[ $cur == -* ]]; then
    case $cmd in
${cases}
    esac
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _tsm_complete tsm
`;
}

function zsh(): string {
  const commands = commandNames();
  const cases = commands
    .map((command) => `    ${command}) compadd -- ${optionsOf(command).join(' ')} ;;`)
    .join('\n');
  return `#compdef tsm
# tsm completion for zsh. Install: source <(tsm completion zsh)   (in ~/.zshrc, after compinit)
_tsm() {
  local cmd=\${words[2]} sub=\${words[3]} prev=\${words[CURRENT-1]}
  local -a names
  # Names come from tsm (settings only, never the keychain) as you type; compadd quotes them.
  if [[ $prev == (-p|--profile) ]] || [[ $cmd == profile && $CURRENT -eq 4 && $sub == (${NAMED_SUBS.join('|')}) ]]; then
    names=(\${(f)"$(command tsm completion --profiles 2>/dev/null)"})
    compadd -a names
    return
  fi
  if [[ $prev == (${FILE_OPTIONS.join('|')}) ]]; then _files; return; fi
  if (( CURRENT == 2 )); then compadd -- ${commands.join(' ')} help --help --version; return; fi
  if (( CURRENT == 3 )); then
    case $cmd in
      help) compadd -- ${commands.join(' ')}; return ;;
      profile) compadd -- ${PROFILE_SUBS.join(' ')}; return ;;
      org) compadd -- ${ORG_SUBS.join(' ')}; return ;;
      completion) compadd -- ${SHELLS.join(' ')}; return ;;
    esac
  fi
  [[ \${words[CURRENT]} == -* ]] || return
  case $cmd in
${cases}
  esac
}
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then _tsm "$@"; else compdef _tsm tsm; fi
`;
}

function fish(): string {
  const commands = commandNames();
  const lines = commands.flatMap((command) =>
    optionsOf(command).map((option) => {
      const flag = option.startsWith('--') ? `-l ${option.slice(2)}` : `-s ${option.slice(1)}`;
      return `complete -c tsm -n '__fish_seen_subcommand_from ${command}' ${flag}`;
    }),
  );
  return `# tsm completion for fish. Install: tsm completion fish > ~/.config/fish/completions/tsm.fish
# Names come from tsm (settings only, never the keychain) as you type, so they stay current.
function __tsm_profiles
    command tsm completion --profiles 2>/dev/null
end
complete -c tsm -f
complete -c tsm -n __fish_use_subcommand -a '${commands.join(' ')} help'
complete -c tsm -n '__fish_seen_subcommand_from help' -a '${commands.join(' ')}'
complete -c tsm -n '__fish_seen_subcommand_from profile; and not __fish_seen_subcommand_from ${PROFILE_SUBS.join(' ')}' -a '${PROFILE_SUBS.join(' ')}'
complete -c tsm -n '__fish_seen_subcommand_from profile; and __fish_seen_subcommand_from ${NAMED_SUBS.join(' ')}' -a '(__tsm_profiles)'
complete -c tsm -n '__fish_seen_subcommand_from org; and not __fish_seen_subcommand_from ${ORG_SUBS.join(' ')}' -a '${ORG_SUBS.join(' ')}'
complete -c tsm -n '__fish_seen_subcommand_from completion' -a '${SHELLS.join(' ')}'
complete -c tsm -s p -l profile -x -a '(__tsm_profiles)'
complete -c tsm -l ca-file -r -F
${lines.join('\n')}
`;
}

const SCRIPTS: Record<Shell, () => string> = { bash, zsh, fish };

/**
 * `tsm completion bash|zsh|fish` prints a script; `tsm completion --profiles` (what the scripts
 * call) prints the profile names from settings, one a line, without opening the keychain.
 */
export async function run(args: string[], context: Context): Promise<number> {
  const { values, positionals } = parse(args, { profiles: { type: 'boolean' } });
  if (values.profiles === true) {
    // A hand-edited name with a control character could break a line apart; it is left out.
    for (const profile of (await context.profiles()).list())
      if (!hasControlCharacters(profile.name)) context.io.stdout.write(`${profile.name}\n`);
    return 0;
  }
  const [shell, ...extra] = positionals;
  if (shell === undefined || extra.length > 0 || !(SHELLS as readonly string[]).includes(shell))
    throw new UsageError('completion needs one shell: bash, zsh or fish');
  context.io.stdout.write(SCRIPTS[shell as Shell]());
  return 0;
}
