/**
 * `cclogs`: the log server's knowledge on the command line, without an editor. Bundled as
 * `server/out/cli.js` (package.json `bin`), beside the server and its index workers, whose modules
 * it uses. `cclogs <command> [args]`; `cclogs help` lists the commands.
 */
import { COMMANDS, type CliIO } from './commands';

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`cclogs: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    io.err(`cclogs ${name}: ${(e as Error).message}\n`);
    return 1;
  }
}

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    'Usage: cclogs <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Settings come from each folder\'s .vscode/settings.json ("ccLogs.*"), as in VS Code.',
    '',
  ].join('\n');
}

if (require.main === module) {
  const io: CliIO = {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`cclogs: ${String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
