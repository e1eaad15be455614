// `netpol-designer COMMAND --help`: that command's part of the help, its shared options, and the exit codes.

/** The block of `help` describing `command` (its line and the indented lines below it); undefined when none. */
export function commandHelp(help: string, command: string | undefined): string | undefined {
  if (command === undefined) return undefined;
  const lines = help.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`  ${command} `));
  if (start < 0) return undefined;
  const block = [lines[start]!];
  for (const line of lines.slice(start + 1)) {
    if (!/^ {5,}\S/.test(line)) break;
    block.push(line);
  }
  const usage = lines[0]!.replaceAll('<command>', command);
  const paragraph = (prefix: string) => {
    const i = lines.findIndex((l) => l.startsWith(prefix));
    if (i < 0) return [];
    const end = lines.findIndex((l, j) => j > i && l.trim() === '');
    return lines.slice(i, end < 0 ? undefined : end);
  };
  // The cluster settings apply to every command but lint (src/cluster/assumed).
  const settings = command === 'lint' ? [] : paragraph('options of every command but lint');
  return [usage, '', ...block, '', ...paragraph('options for every command'), ...(settings.length > 0 ? ['', ...settings] : []), '', ...paragraph('exit codes')].join('\n');
}
