// `serve [--port N]`: the engine, the scheduler and the web UI on 127.0.0.1. The first line
// on stdout is `ui: <URL>` (the URL carries the access token).
import { InputError } from '../../engine/errors';
import { startServe } from '../../serve/start';
import { allowOnly, flag, stringOption } from '../args';
import type { CliContext } from '../context';

export async function serveCommand(ctx: CliContext): Promise<number> {
  allowOnly(ctx.args, 'serve', ['port', 'demo-if-empty']);
  const portText = stringOption(ctx.args, 'port');
  if (portText !== undefined && (!/^\d+$/.test(portText) || Number(portText) > 65535)) throw new InputError('--port takes a port number (0–65535)');
  const engine = await ctx.engine();
  const running = await startServe(engine, { ...(portText !== undefined ? { port: Number(portText) } : {}), demoIfEmpty: flag(ctx.args, 'demo-if-empty') });
  process.stdout.write(`ui: ${running.shell.url}\n`);
  ctx.out.note('PrintReleaf Tray web UI is running on 127.0.0.1 only. Press Ctrl+C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.close();
  return 0;
}
