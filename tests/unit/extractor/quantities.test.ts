/**
 * How much aid a flow carries, specified by example: the number before the aid's noun, even
 * where a list of diseases stands between them. Our own sentences, never the evaluation's.
 */
import { describe, expect, it } from 'vitest';
import { extracted } from '../../support/extracted';

const quantities = (text: string) => extracted(text, '2023-07-01').aidFlows.map((f) => f.quantity);

describe('aid flows: the quantity of a vaccine named by its diseases', () => {
  it.each([
    'Measles is spreading in Tonga. Fiji will send 3,000 measles, mumps and rubella vaccines to Tonga.',
    'Measles is spreading in Tonga. Fiji will send 3,000 measles, mumps and rubella (MMR) vaccines to Tonga.',
    'Measles is spreading in Tonga. Fiji will send 3,000 measles vaccines to Tonga.',
  ])('%s', (text) => {
    expect(quantities(text)).toEqual([{ value: 3000, unit: 'doses' }]);
  });
});
