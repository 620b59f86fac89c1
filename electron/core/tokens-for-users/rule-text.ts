import { InputError } from '../errors/index.js';
import {
  FILTER_OPERATORS,
  type FilterOperator,
  type FilterRule,
  type NamedValues,
} from '../thoughtspot/index.js';
import { arityProblem } from './mint-request.js';

/** How a filter rule is typed: shown whenever one cannot be read. */
export const FILTER_FORM = `'COLUMN OP V1[,V2...]' with OP one of ${FILTER_OPERATORS.join(', ')}`;
export const NAMED_FORM = 'NAME=V1[,V2...]';

const isOperator = (word: string): word is FilterOperator =>
  (FILTER_OPERATORS as readonly string[]).includes(word);

/** Values separated by commas; `\,` is a comma inside a value and `\\` a backslash. */
export function splitValues(text: string): string[] {
  const values: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const next = text[i + 1];
    if (char === '\\' && (next === ',' || next === '\\')) {
      current += next;
      i++;
    } else if (char === ',') {
      values.push(current.trim());
      current = '';
    } else current += char;
  }
  values.push(current.trim());
  return values;
}

/**
 * `Customer Region IN West,North East`: the column is everything before the first operator word
 * (upper case, as ThoughtSpot names it), the values everything after it. Column names may have
 * spaces; so may values.
 */
export function parseFilterText(text: string): FilterRule {
  const words = [...text.matchAll(/\S+/g)];
  const at = words.findIndex((word, index) => index > 0 && isOperator(word[0]));
  const match = words[at];
  const operator = match?.[0];
  if (match === undefined || operator === undefined || !isOperator(operator)) {
    throw new InputError(
      `cannot read the filter rule "${text.slice(0, 80)}": write ${FILTER_FORM}`,
    );
  }
  const column = words
    .slice(0, at)
    .map((word) => word[0])
    .join(' ');
  const rest = text.slice(match.index + operator.length).trim();
  const values = rest === '' ? [] : splitValues(rest);
  if (values.some((value) => value === '')) {
    throw new InputError(`the filter rule on "${column}" has an empty value: write ${FILTER_FORM}`);
  }
  const problem = arityProblem(operator, values.length);
  if (problem) throw new InputError(`the filter rule on "${column}": ${problem}`);
  return { column, operator, values };
}

/** `Discount=0.1` or `Regions=West,North` (a parameter or a variable). */
export function parseNamedText(text: string, what: 'parameter' | 'variable'): NamedValues {
  const split = text.indexOf('=');
  const name = split < 0 ? '' : text.slice(0, split).trim();
  const values = split < 0 ? [] : splitValues(text.slice(split + 1));
  if (!name || values.length === 0 || values.some((value) => value === '')) {
    throw new InputError(`cannot read the ${what} "${text.slice(0, 80)}": write ${NAMED_FORM}`);
  }
  return { name, values };
}
