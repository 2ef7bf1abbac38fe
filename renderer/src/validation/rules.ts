// As-you-type checks for the forms: the engine's own schemas (main/engine/validation.ts,
// main/engine/settings.ts), so the dealer sees exactly the words the engine would answer
// with, from one source. The engine still validates everything it receives.
// Each rule returns the problem in words, or null when the value is fine.
import type { z } from 'zod';
import { settingsSchema } from '../../../main/engine/settings';
import { activationDate, apiKey, email, entityId, feedName, isoDate, serverUrl } from '../../../main/engine/validation';

export type Rule = (value: string) => string | null;

function fromSchema(schema: z.ZodType): Rule {
  return (value) => {
    const result = schema.safeParse(value);
    return result.success ? null : (result.error.issues[0]?.message ?? 'This value is not valid');
  };
}

export const serverUrlRule = fromSchema(serverUrl);
export const entityIdRule = fromSchema(entityId);
export const apiKeyRule = fromSchema(apiKey);
export const isoDateRule = fromSchema(isoDate);
export const feedNameRule = fromSchema(feedName);
export const scheduleTimeRule = fromSchema(settingsSchema.shape.scheduleTime);

const emailSchemaRule = fromSchema(email);
export const emailRule: Rule = (raw) => emailSchemaRule(raw.trim());

const activationSchemaRule = fromSchema(activationDate);
export const activationDateRule: Rule = (raw) => (raw.trim() ? activationSchemaRule(raw) : 'Choose the activation date');

export const optional =
  (rule: Rule): Rule =>
  (value) =>
    value.trim() === '' ? null : rule(value);

/** Form fields hold text: a whole number within bounds. */
export function integerRule(min: number, max: number, what: string): Rule {
  return (raw) => {
    if (!/^\d+$/.test(raw.trim())) return `${what} is a whole number`;
    const n = Number(raw);
    return n < min || n > max ? `${what} is between ${min} and ${max}` : null;
  };
}
