// The sentence to show for a failed call: the engine's own words for an ApiError (it is
// written for the dealer), a plain fallback otherwise. Never a stack trace.
import { ApiError } from '../../../preload/api';

export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'Something went wrong inside PrintReleaf Tray. Try again; if it keeps happening, restart the app.';
}

/** The form field an error belongs to, when the engine named one. */
export function errorField(err: unknown): string | undefined {
  return err instanceof ApiError ? err.field : undefined;
}
