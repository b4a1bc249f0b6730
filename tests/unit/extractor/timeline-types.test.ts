/**
 * What kind of happening a dated sentence reports, specified by example: a sentence about
 * patients (a death, a positive test, a diagnosis) is about cases even when it gives no figure,
 * and a date a figure is only measured against ("the highest since 1998") dates nothing. Our own
 * sentences, never the evaluation's.
 */
import { describe, expect, it } from 'vitest';
import { extracted } from '../../support/extracted';

function types(text: string) {
  return extracted(text, '2024-02-10').timeline.map(({ date, type }) => ({ date, type }));
}

describe('timeline: happenings about patients are cases', () => {
  it.each([
    'A farmer from Kampot province tested positive for H5N1 on 6 February 2024.',
    'The first patient died in Kampot on 6 February 2024.',
    'Doctors in Kampot diagnosed a second child on 6 February 2024.',
    'A nurse was hospitalised in Kampot on 6 February 2024.',
  ])('%s', (text) => {
    expect(types(`Bird flu has returned to Cambodia. ${text}`)).toContainEqual({
      date: '2024-02-06',
      type: 'cases',
    });
  });

  it('a dated happening with no patient in it keeps its own kind', () => {
    expect(
      types(
        'Bird flu has returned to Cambodia. Kampot closed its poultry markets on 6 February 2024.',
      ),
    ).toContainEqual({ date: '2024-02-06', type: 'policy' });
  });
});

describe('timeline: a date a figure is measured against is no happening', () => {
  it.each([
    ['Kenya counted 9,400 measles cases in 2022, the highest figure since 1998.', '1998'],
    ['Kenya counted 9,400 measles cases in 2022, a doubling of cases from 2021.', '2021'],
    ['Kenya counted 9,400 measles cases in 2022, a steep rise after 2019.', '2019'],
  ])('%s', (text, reference) => {
    const dates = types(`Measles has returned to Kenya. ${text}`).map((e) => e.date);
    expect(dates).toContain('2022');
    expect(dates).not.toContain(reference);
  });

  it('a period that begins on a date still dates its beginning', () => {
    const dates = types('Measles has returned to Kenya. The outbreak began in 2021.').map(
      (e) => e.date,
    );
    expect(dates).toContain('2021');
  });
});
