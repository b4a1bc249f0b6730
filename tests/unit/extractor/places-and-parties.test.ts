/**
 * Where a figure is and who takes part in aid, specified by example: figures joined by "and"
 * share a place, a part of a figure keeps its own place, talks are an act with two sides,
 * whoever an "according to" names reports the aid without giving or receiving it, a state's
 * ministry stands for its state, one figure over several places is their country's, "N of the
 * cases" counts the cases last counted, and a sentence's capitalised first word is no place. Our
 * own sentences, never the evaluation's.
 */
import { describe, expect, it } from 'vitest';
import type { ExtractedArticle } from '../../../src/domain/extractor/types';
import { extracted as extractedOn } from '../../support/extracted';

const extracted = (text: string): ExtractedArticle => extractedOn(text, '2023-03-01');

const counts = (text: string) =>
  extracted(text).caseCounts.map(({ location, metric, value }) => ({ location, metric, value }));

const flows = (text: string) =>
  extracted(text).aidFlows.map(({ donor, recipient, status }) => ({ donor, recipient, status }));

describe('case counts: figures joined by "and" share a place', () => {
  it.each([
    [
      'Cholera is spreading in Angola. Health workers have logged 730 suspected cases and 14 deaths in Cuango district.',
      'Cuango',
      ['suspected', 730],
      ['deaths', 14],
    ],
    [
      'Dengue is spreading in Paraguay. The outbreak has caused 2,310 infections and 41 deaths in Alto Chaco.',
      'Alto Chaco',
      ['confirmed', 2310],
      ['deaths', 41],
    ],
  ] as const)(
    'the place after the second figure is the first one\'s too: "%s" → both in %s',
    (text, place, [firstMetric, firstValue], [secondMetric, secondValue]) => {
      expect(counts(text)).toEqual([
        { location: place, metric: firstMetric, value: firstValue },
        { location: place, metric: secondMetric, value: secondValue },
      ]);
    },
  );

  it.each([
    [
      'Cholera is spreading in Angola. Lucapa has logged 730 suspected cases and 14 deaths.',
      'Lucapa',
      ['suspected', 730],
      ['deaths', 14],
    ],
    [
      'Dengue is spreading in Paraguay. Puerto Casado has recorded 2,310 infections and 41 deaths.',
      'Puerto Casado',
      ['confirmed', 2310],
      ['deaths', 41],
    ],
  ] as const)(
    'the place before the first figure is the second one\'s too: "%s" → both in %s',
    (text, place, [firstMetric, firstValue], [secondMetric, secondValue]) => {
      expect(counts(text)).toEqual([
        { location: place, metric: firstMetric, value: firstValue },
        { location: place, metric: secondMetric, value: secondValue },
      ]);
    },
  );

  it('leaves each figure its own place when both name one', () => {
    expect(
      counts(
        'Cholera is spreading in Angola. Health workers have logged 730 suspected cases in Luanda and 14 deaths in Cuango district.',
      ),
    ).toEqual([
      { location: 'Luanda', metric: 'suspected', value: 730 },
      { location: 'Cuango', metric: 'deaths', value: 14 },
    ]);
  });
});

describe('case counts: a part of a figure keeps its own place', () => {
  it.each([
    [
      'Diphtheria has returned to Nigeria. The disease has killed 140 people this year, 52 of them in Kano.',
      [
        { location: 'Nigeria', metric: 'deaths', value: 140 },
        { location: 'Kano', metric: 'deaths', value: 52 },
      ],
    ],
    [
      'Measles is spreading in Kyrgyzstan. So far 1,250 cases have been recorded, 600 of them in Osh.',
      [
        { location: 'Kyrgyzstan', metric: 'confirmed', value: 1250 },
        { location: 'Osh', metric: 'confirmed', value: 600 },
      ],
    ],
  ])(
    'the place of "N of them in <place>" is the part\'s, not the whole\'s: %s',
    (text, expected) => {
      expect(counts(text)).toEqual(expected);
    },
  );

  it('counts a part that names no place of its own where the whole is', () => {
    expect(
      counts(
        'Measles is spreading in Kyrgyzstan. Osh has recorded 1,250 cases, 600 of them among children.',
      ),
    ).toEqual([
      { location: 'Osh', metric: 'confirmed', value: 1250 },
      { location: 'Osh', metric: 'confirmed', value: 600 },
    ]);
  });

  it('counts "N of the cases" as the cases last counted, suspected ones included', () => {
    expect(
      counts(
        'Dengue is spreading in Vanuatu. The ministry has recorded 2,140 suspected dengue cases and 4 deaths, with 1,310 of the cases in Port Vila.',
      ),
    ).toContainEqual({ location: 'Port Vila', metric: 'suspected', value: 1310 });
  });
});

describe('case counts: a sentence’s first word is no place for being capitalised', () => {
  it.each(['Officials', 'Doctors', 'Authorities'])('%s have counted 3,900 cases', (who) => {
    expect(
      counts(`Cholera is spreading in Lebanon. ${who} have counted 3,900 suspected cases.`),
    ).toEqual([{ location: 'Lebanon', metric: 'suspected', value: 3900 }]);
  });

  it('a place the gazetteer lacks still opens a sentence', () => {
    expect(counts('Polio is spreading in Pakistan. Lakki Marwat has reported 12 cases.')).toEqual([
      { location: 'Lakki Marwat', metric: 'confirmed', value: 12 },
    ]);
  });
});

describe('aid flows: talks about aid are an act of their own', () => {
  it.each([
    [
      'The Asian Development Bank is in talks with Laos about a loan for oxygen plants.',
      { donor: 'ADB', recipient: 'Laos', status: 'discussed' },
    ],
    [
      'Typhoid has returned to Haiti. Canada and Haiti are in discussions about a donation of antibiotics.',
      { donor: 'Canada', recipient: 'Haiti', status: 'discussed' },
    ],
  ])(
    'reads talks with no other act as the act, and what they are about as not yet given: %s',
    (text, flow) => {
      expect(flows(text)).toEqual([flow]);
    },
  );

  it('reads talks beside another act as a second act, leaving the first its stage', () => {
    expect(
      flows(
        'Cholera is spreading in Sudan. Egypt sent 20 tonnes of medicines after talks with Sudan on further assistance.',
      ),
    ).toEqual([
      { donor: 'Egypt', recipient: 'Sudan', status: 'shipped' },
      { donor: 'Egypt', recipient: 'Sudan', status: 'discussed' },
    ]);
  });

  it('makes the side the article is about the recipient and the other side the donor', () => {
    expect(
      flows(
        'Dengue cases are rising in Fiji. New Zealand and Fiji are discussing a shipment of test kits.',
      ),
    ).toEqual([{ donor: 'New Zealand', recipient: 'Fiji', status: 'discussed' }]);
  });
});

describe('aid flows: "according to" names who reports the aid, never a party to it', () => {
  it.each([
    [
      'Floods have hit Guatemala. Spain has flown 20 tonnes of medicines to Guatemala, according to the Red Cross.',
      { donor: 'Spain', recipient: 'Guatemala', status: 'shipped' },
      { by: 'Red Cross', kind: 'organisation' },
    ],
    [
      "Mpox is spreading in Uganda. A cargo of test kits from Japan landed in Entebbe on Friday, according to Kenya's health ministry.",
      { donor: 'Japan', recipient: 'Uganda', status: 'delivered' },
      { by: 'Kenya', kind: 'official' },
    ],
    [
      'According to UNICEF, Sweden has shipped 90,000 doses of measles vaccine to Chad.',
      { donor: 'Sweden', recipient: 'Chad', status: 'shipped' },
      { by: 'UNICEF', kind: 'organisation' },
    ],
  ])(
    '%s → reported by its attribution, given and received by others',
    (text, flow, attribution) => {
      const found = extracted(text).aidFlows;
      expect(found.map(({ donor, recipient, status }) => ({ donor, recipient, status }))).toEqual([
        flow,
      ]);
      expect(found[0]!.attribution).toEqual(attribution);
    },
  );

  it('names the aid an opening "According to …," reports', () => {
    const [flow] = extracted(
      'According to UNICEF, Sweden has shipped 90,000 doses of measles vaccine to Chad.',
    ).aidFlows;
    expect(flow).toMatchObject({ items: ['vaccines'], quantity: { value: 90_000, unit: 'doses' } });
  });

  it('does not take parties named only by a common noun after "according to" for receivers left unnamed', () => {
    expect(
      flows(
        'Floods have hit Guatemala. Tents arrived last week from Mexico, according to local charities.',
      ),
    ).toEqual([{ donor: 'Mexico', recipient: 'Guatemala', status: 'delivered' }]);
    // The same words as the receivers are ones the text leaves unnamed, so Guatemala is not assumed.
    expect(flows('Floods have hit Guatemala. Mexico sent tents to local charities.')).toEqual([]);
  });
});

describe("aid flows: a state's ministry stands for its state", () => {
  it.each([
    'Measles is spreading in Chad. France donated 80,000 measles vaccine doses to Chad’s Health Ministry.',
    'Measles is spreading in Chad. France donated 80,000 measles vaccine doses to the Ministry of Health of Chad.',
    'Measles is spreading in Chad. France donated 80,000 measles vaccine doses to the Chadian health ministry.',
  ])('%s', (text) => {
    expect(flows(text)).toEqual([{ donor: 'France', recipient: 'Chad', status: 'delivered' }]);
  });
});

describe('case counts: one figure over several places is their country’s', () => {
  it.each([
    [
      'Measles is spreading in Pakistan. Health workers found six cases in Sindh and Punjab.',
      'Pakistan',
    ],
    ['Measles is spreading in India. Health workers found six cases in Bihar and Punjab.', 'India'],
    // One name the gazetteer lacks, one in two countries: the article's country decides.
    [
      'Measles is spreading in Pakistan. Health workers found six cases in Upper Zandi and Punjab.',
      'Pakistan',
    ],
    [
      'Measles is spreading in India. Health workers found six cases in Upper Zandi and Punjab.',
      'India',
    ],
  ])('%s → %s', (text, country) => {
    expect(counts(text)).toEqual([{ location: country, metric: 'confirmed', value: 6 }]);
  });
});
