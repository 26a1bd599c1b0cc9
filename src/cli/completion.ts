// Shell completion scripts, generated from the commander program itself so they
// never drift from the real commands and options.
import type { Command } from "commander";

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

interface Spec {
  globals: string[];
  commands: { name: string; description: string; options: string[] }[];
}

function optionNames(command: Command): string[] {
  return command.options.flatMap((o) => [o.long, o.short].filter((f): f is string => Boolean(f)));
}

export function completionSpec(program: Command): Spec {
  return {
    globals: [...optionNames(program), "--help"],
    commands: program.commands
      .filter((c) => c.name() !== "help")
      .map((c) => ({ name: c.name(), description: c.description(), options: optionNames(c) })),
  };
}

function bash(spec: Spec): string {
  const cases = spec.commands
    .map((c) => `    ${c.name}) opts="${[...c.options, ...spec.globals].join(" ")}" ;;`)
    .join("\n");
  return `# msdemo bash completion: eval "$(msdemo completion bash)"
_msdemo() {
  local cur cmd opts i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -*) ;; *) cmd="\${COMP_WORDS[i]}"; break ;; esac
  done
  case "$cmd" in
${cases}
    *) opts="${spec.commands.map((c) => c.name).join(" ")} ${spec.globals.join(" ")}" ;;
  esac
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -F _msdemo msdemo
`;
}

function zsh(spec: Spec): string {
  const commands = spec.commands
    .map((c) => `    '${c.name}:${c.description.replace(/'/g, "'\\''").replace(/:/g, "\\:")}'`)
    .join("\n");
  const cases = spec.commands
    .map(
      (c) =>
        `      ${c.name}) _values 'option' ${[...c.options, ...spec.globals].map((o) => `'${o}'`).join(" ")} ;;`,
    )
    .join("\n");
  return `#compdef msdemo
# msdemo zsh completion: msdemo completion zsh > "\${fpath[1]}/_msdemo"
_msdemo() {
  local -a commands
  commands=(
${commands}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
  else
    case "\${words[2]}" in
${cases}
    esac
  fi
}
compdef _msdemo msdemo
`;
}

function fish(spec: Spec): string {
  const lines = ["# msdemo fish completion: msdemo completion fish | source", "complete -c msdemo -f"];
  for (const c of spec.commands) {
    lines.push(
      `complete -c msdemo -n '__fish_use_subcommand' -a '${c.name}' -d '${c.description.replace(/'/g, "\\'")}'`,
    );
    for (const o of c.options) {
      const flag = o.startsWith("--") ? `-l ${o.slice(2)}` : `-s ${o.slice(1)}`;
      lines.push(`complete -c msdemo -n '__fish_seen_subcommand_from ${c.name}' ${flag}`);
    }
  }
  for (const o of spec.globals) {
    if (o.startsWith("--")) lines.push(`complete -c msdemo -l ${o.slice(2)}`);
  }
  return `${lines.join("\n")}\n`;
}

export function completionScript(program: Command, shell: Shell): string {
  const spec = completionSpec(program);
  return shell === "bash" ? bash(spec) : shell === "zsh" ? zsh(spec) : fish(spec);
}
