// Typed reads of JSON body fields. A wrong type or a missing required field is a 400 naming it.
import { invalid } from './errors.js';

export type Fields = Record<string, unknown>;

/** The body as an object; no body reads as {}. Arrays and scalars are not request bodies. */
export function fields(body: unknown): Fields {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('body');
  return body as Fields;
}

// JSON null reads as absent: generated clients send null for unset optional fields.
const absent = (v: unknown): v is undefined | null => v === undefined || v === null;

export function optionalString(body: Fields, name: string): string | undefined {
  const v = body[name];
  if (absent(v)) return undefined;
  if (typeof v !== 'string') throw invalid(name);
  return v;
}

export function requiredString(body: Fields, name: string): string {
  const v = optionalString(body, name);
  if (v === undefined || v === '') throw invalid(name);
  return v;
}

/** A boolean, or the strings "true"/"false" (the v1 SDK sends rememberMe as a string enum). */
export function optionalBoolean(body: Fields, name: string): boolean | undefined {
  const v = body[name];
  if (absent(v)) return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw invalid(name);
}

export function optionalInteger(body: Fields, name: string): number | undefined {
  const v = body[name];
  if (absent(v)) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw invalid(name);
  return v;
}

export function positiveInteger(body: Fields, name: string): number | undefined {
  const v = optionalInteger(body, name);
  if (v !== undefined && v <= 0) throw invalid(name);
  return v;
}
