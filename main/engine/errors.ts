// Two kinds of failure a shell must tell apart: the dealer's input was rejected (nothing
// was done; the CLI exits 2), or an operation could not be completed (exit 1). Both carry a
// sentence meant for the dealer, never a stack trace or a secret.

/** Rejected input: nothing was changed. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** An operation that could not be completed (connection check failed, store unavailable…). */
export class OperationError extends Error {
  override readonly name = 'OperationError';
}

/** A record the caller named does not exist. Treated as rejected input. */
export class NotFoundError extends InputError {}

export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
