// Secrets reach the CLI from an environment variable or stdin, never from an argument
// (arguments end up in shell history and process listings).
import { createInterface } from 'node:readline';

export async function readSecret(envName: string, prompt: string, env: NodeJS.ProcessEnv = process.env, stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  const fromEnv = env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv.trim();
  if (stdin.isTTY) return promptHidden(prompt, stdin);
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0]!.trim();
}

/** Asks on the terminal without echoing what is typed. */
function promptHidden(prompt: string, stdin: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: stdin, output: process.stderr, terminal: true });
    process.stderr.write(prompt);
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer.trim());
    });
  });
}
