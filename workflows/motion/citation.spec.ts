import { citationKey, closestCitation, formatCitation, parseCitation, reservedToKreistag, sameCitation } from './citation';

describe('legal citations', () => {
  describe('given spellings of § 26 Abs. 1 lit. f KrO NRW', () => {
    const spellings = [
      '§ 26 Abs. 1 lit. f) KrO NRW',
      '§ 26 Abs.1 lit. f) KrO NRW',
      '§ 26 Abs. 1 lit. f KrO NRW',
      '§26 Abs 1 lit f KrO NRW',
      '§ 26 Absatz 1 Buchstabe f Kreisordnung NRW',
      '§ 26  abs. 1  LIT. F)  kro nrw',
      '§ 26 Abs. 1 Buchst. f KrO. NRW',
    ];
    it('then every one has the same key, and the catalogue form names its parts', () => {
      expect(new Set(spellings.map(citationKey)).size).toBe(1);
      expect(formatCitation(parseCitation(spellings[0]!)!)).toBe('§ 26 Abs. 1 lit. f KrO NRW');
    });
    it('then they are reserved to the Kreistag', () => {
      expect(spellings.every(reservedToKreistag)).toBe(true);
    });
  });

  it('tells different provisions apart: another letter, paragraph, number, sentence or law', () => {
    const base = '§ 26 Abs. 1 lit. f KrO NRW';
    for (const other of ['§ 26 Abs. 1 lit. s KrO NRW', '§ 26 Abs. 2 lit. f KrO NRW', '§ 26 Abs. 1 Nr. 3 KrO NRW', '§ 26 Abs. 1 Satz 2 lit. f KrO NRW', '§ 26 Abs. 1 lit. f GO NRW', '§ 27 Abs. 1 lit. f KrO NRW']) {
      expect(sameCitation(base, other)).toBe(false);
    }
    expect(reservedToKreistag('§ 26 Abs. 2 KrO NRW')).toBe(false);
    expect(reservedToKreistag('§ 50 Abs. 1 KrO NRW')).toBe(false);
  });

  it('keeps text that cites no section as its words, case and spacing aside', () => {
    expect(parseCitation('Zuständigkeitsordnung: Zuschüsse an freie Träger')).toBeUndefined();
    expect(sameCitation('Zuständigkeitsordnung:  Zuschüsse an freie Träger', 'zuständigkeitsordnung: zuschüsse an freie träger')).toBe(true);
    expect(sameCitation('Zuständigkeitsordnung: Zuschüsse an freie Träger', 'Zuständigkeitsordnung: Zuschüsse an Vereine')).toBe(false);
  });

  it('suggests the closest catalogue entry for a citation the catalogue lacks', () => {
    const catalogue = ['§ 26 Abs. 1 lit. s KrO NRW', '§ 26 Abs. 1 lit. a KrO NRW', '§ 50 Abs. 1 KrO NRW', 'Zuständigkeitsordnung § 4: Zuschüsse an freie Träger'];
    expect(closestCitation('§ 26 Abs. 1 lit. s) KrO', catalogue)).toBe('§ 26 Abs. 1 lit. s KrO NRW');
    expect(closestCitation('§ 50 KrO NRW', catalogue)).toBe('§ 50 Abs. 1 KrO NRW');
    expect(closestCitation('§ 14c TIntG', catalogue)).toBeUndefined();
  });
});
