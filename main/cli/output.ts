// How the CLI speaks: with --json exactly one JSON document on stdout; otherwise short,
// aligned human text. Progress goes to stderr so stdout stays clean for pipes.
export interface Output {
  json: boolean;
  /** The command's result: JSON document or human lines. */
  result(json: unknown, human: () => string): void;
  /** Progress and notes for a person (stderr, never with --json unless it is a TTY). */
  note(line: string): void;
}

export function createOutput(json: boolean, stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): Output {
  return {
    json,
    result(doc, human) {
      stdout.write(json ? `${JSON.stringify(doc)}\n` : `${human()}\n`);
    },
    note(line) {
      if (!json || (stderr as NodeJS.WriteStream).isTTY) stderr.write(`${line}\n`);
    },
  };
}

/** A plain text table: numbers right-aligned, everything else left. */
export function table(headers: string[], rows: (string | number | null)[][]): string {
  if (rows.length === 0) return '';
  const cells = rows.map((r) => r.map((c) => (c === null ? '—' : typeof c === 'number' ? c.toLocaleString('en-US') : c)));
  const numeric = headers.map((_, i) => rows.every((r) => typeof r[i] === 'number' || r[i] === null));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export function isoOrNull(ts: number | null): string | null {
  return ts === null ? null : new Date(ts).toISOString();
}
