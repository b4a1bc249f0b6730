/**
 * When an act happened, specified by example: a day named without its year is the last one
 * before publication unless its own clause speaks of the future; a clause joined after it ("and
 * more are expected", "that it will send more") does not make it future, nor does the month of
 * May make an act a maybe. Our own sentences, never the evaluation's.
 */
import { describe, expect, it } from 'vitest';
import { extracted } from '../../support/extracted';

function flows(text: string) {
  return extracted(text, '2023-07-01').aidFlows.map(({ donor, recipient, status, date }) => ({
    donor,
    recipient,
    status,
    date,
  }));
}

describe('aid flows: a date is in the future only in its own clause', () => {
  it.each([
    'With the support of UNICEF, Malawi received 400,000 cholera vaccine doses on 3 March and another 200,000 doses are expected in the coming weeks.',
    'With the support of UNICEF, Malawi received 400,000 cholera vaccine doses on 3 March, and another 200,000 doses are expected in the coming weeks.',
  ])('%s', (text) => {
    expect(flows(`Cholera is spreading in Malawi. ${text}`)).toContainEqual({
      donor: 'UNICEF',
      recipient: 'Malawi',
      status: 'delivered',
      date: '2023-03-03',
    });
  });

  it('a delivery its own clause puts ahead is a pledge, dated in the coming year', () => {
    expect(
      flows(
        'Cholera is spreading in Malawi. UNICEF will deliver 200,000 cholera vaccine doses to Malawi on 3 March.',
      ),
    ).toContainEqual({
      donor: 'UNICEF',
      recipient: 'Malawi',
      status: 'pledged',
      date: '2024-03-03',
    });
  });

  it('the month of May is no hedge: "In May, Norway said it would donate…" is a pledge of May', () => {
    expect(
      flows(
        'Measles is spreading in Central America. In May, Norway said it would donate two million measles vaccine doses to Guatemala.',
      ),
    ).toContainEqual({
      donor: 'Norway',
      recipient: 'Guatemala',
      status: 'pledged',
      date: '2023-05',
    });
  });

  it.each([
    'If Norway donates two million measles vaccine doses to Guatemala, the campaign can start.',
    'Could Norway donate two million measles vaccine doses to Guatemala?',
  ])('a hedge opening the sentence still hedges: %s', (text) => {
    expect(flows(`Measles is spreading in Central America. ${text}`)).toEqual([]);
  });

  it('the modal "may" still hedges: "Norway may donate…" is no flow', () => {
    expect(
      flows(
        'Measles is spreading in Central America. Norway may donate two million measles vaccine doses to Guatemala.',
      ),
    ).toEqual([]);
  });
});
