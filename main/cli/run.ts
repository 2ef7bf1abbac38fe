// The CLI runner: parse, dispatch, and turn every outcome into the contract's exit status:
// 0 done · 2 bad usage or rejected input (nothing written) · 3 collect with a skipped or
// failed feed · 1 anything else (one clear line; a stack trace only with --debug).
import { InputError, messageOf } from '../engine/errors';
import { flag, parseCommandLine, type ParsedArgs } from './args';
import { certificatesCommand } from './commands/certificates';
import { configCommand } from './commands/config';
import { collectCommand, healthCommand, reportCommand, runsCommand } from './commands/collect';
import { demoCommand } from './commands/demo';
import { serveCommand } from './commands/serve';
import { feedCommand } from './commands/feed';
import { entitiesCommand, serverCommand } from './commands/server';
import { createCliContext, type CliContext } from './context';
import { createOutput } from './output';
import { USAGE } from './usage';

export interface CliIo {
  argv: string[];
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

async function dispatch(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const [command, sub, ...rest] = args.words;
  switch (command) {
    case 'config':
      return configCommand(ctx, sub, rest);
    case 'server':
      if (rest.length) break;
      return serverCommand(ctx, sub);
    case 'entities':
      if (sub !== undefined) break;
      return entitiesCommand(ctx);
    case 'feed':
      if (rest.length) break;
      return feedCommand(ctx, sub);
    case 'collect':
      if (sub !== undefined) break;
      return collectCommand(ctx);
    case 'health':
      if (sub !== undefined) break;
      return healthCommand(ctx);
    case 'runs':
      if (sub !== undefined) break;
      return runsCommand(ctx);
    case 'report':
      if (sub !== undefined) break;
      return reportCommand(ctx);
    case 'certificates':
      if (rest.length) break;
      return certificatesCommand(ctx, sub);
    case 'demo':
      if (sub !== undefined) break;
      return demoCommand(ctx);
    case 'serve':
      if (sub !== undefined) break;
      return serveCommand(ctx);
    case undefined:
      throw new InputError(`No command given.\n${USAGE}`);
    default:
      throw new InputError(`Unknown command "${command}".\n${USAGE}`);
  }
  throw new InputError(`Unexpected words after "${command}${sub ? ` ${sub}` : ''}": ${args.words.slice(sub ? 2 : 1).join(' ')}`);
}

export async function runCli(io: CliIo): Promise<number> {
  let debug = io.argv.includes('--debug');
  let ctx: (CliContext & { close(): Promise<void> }) | null = null;
  try {
    const args = parseCommandLine(io.argv);
    debug = flag(args, 'debug');
    if (flag(args, 'help')) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    ctx = createCliContext(args, createOutput(flag(args, 'json'), io.stdout, io.stderr), io.env);
    return await dispatch(ctx, args);
  } catch (err) {
    const line = messageOf(err).split('\n');
    io.stderr.write(`${err instanceof InputError ? 'error' : 'failed'}: ${line.join('\n')}\n`);
    if (debug && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return err instanceof InputError ? 2 : 1;
  } finally {
    await ctx?.close().catch(() => undefined);
  }
}
