/**
 * When a figure stands, specified by example: a figure counted over a closed period is as of the
 * period's end, a part of an earlier figure is as of that figure, and a period's start dates
 * nothing. Our own sentences, never the evaluation's.
 */
import { describe, expect, it } from 'vitest';
import { extracted } from '../../support/extracted';

function asOf(text: string) {
  return extracted(text, '2023-07-01').caseCounts.map(({ location, value, asOf }) => ({
    location,
    value,
    asOf,
  }));
}

describe('case counts: the date a figure is as of', () => {
  it.each([
    [
      'Measles is spreading in Malawi. Clinics in Zomba reported 212 cases between 3 June 2023 and 17 June 2023.',
      '2023-06-17',
    ],
    [
      'Measles is spreading in Malawi. Clinics in Zomba reported 212 cases from 3 June 2023 to 17 June 2023.',
      '2023-06-17',
    ],
    [
      'Measles is spreading in Malawi. From 3 June 2023 until 17 June 2023, clinics in Zomba reported 212 cases.',
      '2023-06-17',
    ],
  ])('a figure over a closed period is as of its end: %s', (text, date) => {
    expect(asOf(text)).toContainEqual({ location: 'Zomba', value: 212, asOf: date });
  });

  it('a period that has only begun dates nothing', () => {
    expect(
      asOf('Measles is spreading in Malawi. Since 3 June 2023, Zomba has reported 212 cases.'),
    ).toContainEqual({ location: 'Zomba', value: 212, asOf: null });
  });

  it('a part of an earlier figure ("Of these, …") is as of that figure', () => {
    const found = asOf(
      'Cholera is spreading in Mozambique. By 4 March 2023, clinics had recorded 540 cholera cases. Of these, 310 cases were recorded in Tete and 95 in Chimoio.',
    );
    expect(found).toContainEqual({ location: 'Tete', value: 310, asOf: '2023-03-04' });
    expect(found).toContainEqual({ location: 'Chimoio', value: 95, asOf: '2023-03-04' });
  });
});
