// Shapes of the Print Tracker objects the app uses (printtracker-api.md). Unknown fields
// are dropped on purpose: the app must not keep addresses, IPs, serials or people's names,
// so they never leave the client. Meter reads are NOT parsed here (rule R1, see reads.ts).
import { z } from 'zod';

export const EntitySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
});

export const EntitySchema = z.object({
  id: z.string(),
  name: z.string(),
  genealogy: z.array(z.string()).nullish(),
  children: z.array(EntitySummarySchema).nullish(),
});

export const DeviceSchema = z.object({
  id: z.string(),
  entityKey: z.string().nullish(),
  createdDate: z.string().nullish(),
});

export const EntityListSchema = z.array(EntitySummarySchema);
export const DeviceListSchema = z.array(DeviceSchema);

export type EntitySummary = z.infer<typeof EntitySummarySchema>;
export type Entity = z.infer<typeof EntitySchema>;
export type Device = z.infer<typeof DeviceSchema>;

/** One short line about the first problems zod found, without echoing any value. */
export function summarizeZodError(error: z.ZodError): string {
  const parts = error.issues.slice(0, 2).map((issue) => {
    const path = issue.path.length === 0 ? 'body' : issue.path.map(String).join('.');
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > 2 ? ` (+${error.issues.length - 2} more)` : '';
  const text = parts.join('; ') + more;
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
