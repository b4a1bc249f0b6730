/**
 * The habits every command line of the project shares, on commander: `--help` (or `-h`) prints
 * the usage and exits 0 before anything runs; an unknown option, a missing argument or a bad
 * value is one line on stderr and exit code 2 (the shell's usage-error convention), never a
 * stack trace. Values are checked as they are parsed, so a command never starts on bad input.
 */
import { Command, InvalidArgumentError } from 'commander';
import type * as z from 'zod';

/** The exit code of a command line that was not understood. */
const USAGE_ERROR = 2;

/** A command with the shared habits; subcommands made with `.command()` inherit them. */
export function cli(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .helpOption('-h, --help', 'show this help and exit without doing anything')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : USAGE_ERROR))
    .configureOutput({ outputError: (message, write) => write(message) });
}

/** A whole number from `min` to `max`. */
export const wholeNumber =
  (min: number, max = Number.MAX_SAFE_INTEGER) =>
  (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(
        `expected a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ' up'}.`,
      );
    return n;
  };

/** A value checked by a zod schema; its first message explains a refusal. */
export const checkedBy =
  <T>(schema: z.ZodType<T>) =>
  (value: string): T => {
    const parsed = schema.safeParse(value);
    if (!parsed.success)
      throw new InvalidArgumentError(`${parsed.error.issues[0]?.message ?? 'not valid'}.`);
    return parsed.data;
  };

/** Stops with one line and the usage-error code, for checks that need more than one value. */
export function usageError(program: Command, message: string): never {
  program.error(`error: ${message}`, { exitCode: USAGE_ERROR });
}
