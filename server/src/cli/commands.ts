/**
 * The subcommands of `cclogs`, each in its own file (`<name>Command.ts`). Add one here to make it
 * available; `main.ts` dispatches and prints the usage from this list.
 */
import { timelineCommand } from './timelineCommand';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export interface CliCommand {
  name: string;
  /** One line for the usage. */
  usage: string;
  summary: string;
  /** Runs with the arguments after the command's name; resolves to the exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

export const COMMANDS: CliCommand[] = [timelineCommand];
