import type { Consultation, Proposal } from '../../workflows/motion';
import { cleanText, compact, date, dateTime } from './format';
import { publicOutline, resolutionText, resultText } from './mapping';
import { canonicalKey } from './urls';

describe('OParl output format', () => {
  it('writes date-times in Berlin time with their offset and without fractions, dates as yyyy-mm-dd', () => {
    expect(dateTime(new Date('2020-08-19T15:30:00.123Z'))).toBe('2020-08-19T17:30:00+02:00');
    expect(dateTime('2020-01-15T08:00:00Z')).toBe('2020-01-15T09:00:00+01:00');
    expect(date(new Date('2020-08-19T22:30:00Z'))).toBe('2020-08-20');
    expect(date('2020-10-31')).toBe('2020-10-31');
  });

  it('drops control characters, keeps line breaks and tabs, and replaces lone surrogates', () => {
    expect(cleanText('Kreis\u0007tag\u0000 \u0085Sitzung')).toBe('Kreistag Sitzung');
    expect(cleanText('Zeile 1\nZeile 2\tTab')).toBe('Zeile 1\nZeile 2\tTab');
    expect(cleanText('a\uD800b')).toBe('a\uFFFDb');
    expect(cleanText('Grüße 😀')).toBe('Grüße 😀');
  });

  it('leaves out null, empty strings and empty lists, but keeps mandatory lists', () => {
    expect(compact({ a: null, b: '', c: [], d: undefined, e: 'x', legislativeTerm: [], f: { g: ' ', h: 0, i: false } }, new Set(['legislativeTerm']))).toEqual({
      e: 'x',
      legislativeTerm: [],
      f: { h: 0, i: false },
    });
  });

  it('spells keys canonically: lower-case uuids, consultation numbers without leading zeros', () => {
    expect(canonicalKey('paper', '0B4E6A3C-8F2D-4E1A-9C3B-1D2E3F4A5B6C')).toBe('0b4e6a3c-8f2d-4e1a-9c3b-1d2e3f4a5b6c');
    expect(canonicalKey('consultation', '0b4e6a3c-8f2d-4e1a-9c3b-1d2e3f4a5b6c-007')).toBe('0b4e6a3c-8f2d-4e1a-9c3b-1d2e3f4a5b6c-7');
    expect(canonicalKey('consultation', '0b4e6a3c-8f2d-4e1a-9c3b-1d2e3f4a5b6c-0')).toBeUndefined();
    expect(canonicalKey('body', 'Kreis-Coesfeld')).toBe('kreis-coesfeld');
    expect(canonicalKey('meeting', 'not-a-uuid')).toBeUndefined();
  });
});

describe('agenda item results from the recorded outcomes', () => {
  const proposals: Proposal[] = [
    { key: '1', legalBasis: { citation: 'x' }, versions: [{ version: 1, text: 'Die Verwaltung wird beauftragt …', origin: { by: 'administration' }, at: null, released: true }] },
    {
      key: '2',
      legalBasis: { citation: 'x' },
      versions: [
        { version: 1, text: 'Alt', origin: { by: 'administration' }, at: null, released: true },
        { version: 2, text: 'Geändert: bis zu 13.500 €', origin: { by: 'administration' }, at: null, released: true },
      ],
    },
  ];
  const consultation = (results: Consultation['results'], vote: Consultation['vote'] = null) => ({ results, vote }) as Consultation;
  const votes = { ja: 47, nein: 2, enthaltung: 1, befangen: 0 };

  it('states each proposal’s outcome with its votes, and the wording resolved after any amendment', () => {
    const c = consultation({
      '1': { outcome: 'adopted', votes, deliberatedVersion: 1, newVersion: null },
      '2': { outcome: 'adoptedWithAmendment', votes: { ...votes, befangen: 2 }, deliberatedVersion: 1, newVersion: 2 },
    });
    expect(resultText(c)).toBe('Beschlussvorschlag 1: unverändert beschlossen (Ja 47, Nein 2, Enthaltung 1); Beschlussvorschlag 2: geändert beschlossen (Ja 47, Nein 2, Enthaltung 1, befangen 2)');
    expect(resolutionText(c, proposals)).toBe('1. Die Verwaltung wird beauftragt …\n\n2. Geändert: bis zu 13.500 €');
  });

  it('has no resolution text for outcomes that resolve nothing, and no result before any outcome', () => {
    const noted = consultation({ '1': { outcome: 'takenNote', votes: null, deliberatedVersion: 1, newVersion: null } });
    expect(resultText(noted)).toBe('zur Kenntnis genommen');
    expect(resolutionText(noted, proposals)).toBeUndefined();
    expect(resultText(consultation(null))).toBeUndefined();
    expect(resultText(consultation(null, votes))).toBe('Abstimmung: Ja 47, Nein 2, Enthaltung 1');
  });

  it('publishes only the outline sections that are not nichtöffentlich', () => {
    expect(publicOutline({ problemAndSolution: 'P', impacts: 'geheim', alternatives: '' }, ['impacts'])).toEqual({ problemAndSolution: 'P' });
    expect(publicOutline({ impacts: 'geheim' }, ['impacts'])).toBeUndefined();
  });
});
