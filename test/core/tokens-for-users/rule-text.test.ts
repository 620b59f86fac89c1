import { describe, expect, it } from 'vitest';
import {
  FILTER_FORM,
  parseFilterText,
  parseNamedText,
} from '../../../electron/core/tokens-for-users/index.js';

describe('filter rules typed as COLUMN OP V1[,V2...]', () => {
  it('reads columns and values with spaces, one value or several', () => {
    expect(parseFilterText('Region EQ West')).toEqual({
      column: 'Region',
      operator: 'EQ',
      values: ['West'],
    });
    expect(parseFilterText('  Customer Region IN West, North East ,South')).toEqual({
      column: 'Customer Region',
      operator: 'IN',
      values: ['West', 'North East', 'South'],
    });
  });

  it('takes the first operator word after the column, so a column may contain operator letters', () => {
    expect(parseFilterText('Net EQUITY GE 100')).toEqual({
      column: 'Net EQUITY',
      operator: 'GE',
      values: ['100'],
    });
    expect(parseFilterText('Note CONTAINS EQ')).toMatchObject({
      operator: 'CONTAINS',
      values: ['EQ'],
    });
  });

  it('keeps an escaped comma inside a value', () => {
    expect(parseFilterText('City IN Portland\\, OR,Salem').values).toEqual([
      'Portland, OR',
      'Salem',
    ]);
  });

  it('checks how many values an operator takes', () => {
    expect(parseFilterText('Year BW_INC 2020,2024').values).toEqual(['2020', '2024']);
    expect(() => parseFilterText('Year BW 2020')).toThrow('BW takes two values (a range)');
    expect(() => parseFilterText('Amount LT 1,2')).toThrow('LT takes one value');
    expect(() => parseFilterText('Region EQ')).toThrow('EQ takes at least one value');
  });

  it('shows the form when it cannot read the rule', () => {
    for (const text of ['Region', 'Region eq West', 'EQ West', 'Region EQUALS West', '']) {
      expect(() => parseFilterText(text)).toThrow(FILTER_FORM);
    }
    expect(FILTER_FORM).toContain('BEGINS_WITH');
    expect(() => parseFilterText('Region IN West,,East')).toThrow('has an empty value');
  });
});

describe('parameters and variables typed as NAME=V1[,V2...]', () => {
  it('reads a name and its values', () => {
    expect(parseNamedText('Discount=0.1', 'parameter')).toEqual({
      name: 'Discount',
      values: ['0.1'],
    });
    expect(parseNamedText('regions = West,North', 'variable')).toEqual({
      name: 'regions',
      values: ['West', 'North'],
    });
  });

  it('refuses a missing name, a missing = or an empty value, showing the form', () => {
    for (const text of ['Discount', '=1', 'Discount=', 'a=1,,2']) {
      expect(() => parseNamedText(text, 'parameter')).toThrow('write NAME=V1[,V2...]');
    }
  });
});
