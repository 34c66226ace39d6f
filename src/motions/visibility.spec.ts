import { ROLES } from '../auth/roles';
import { consultationFor, maySeeNonPublic, outlineFor } from './visibility';

const outline = { problemAndSolution: 'Bausteine I–VI', alternatives: 'keine', impacts: 'Eigenanteil 2020 ca. 13.500 €' };

describe('who may see nichtöffentliche content', () => {
  it('lets the Sitzungsdienst, admins and the Rechnungsprüfung see it, not the geschäftsführende Stelle', () => {
    expect(ROLES.filter(maySeeNonPublic)).toEqual(['clerk', 'auditor', 'admin']);
  });

  it('refuses roles it does not know', () => {
    expect(['system', '', 'Clerk', 'auditor '].map(maySeeNonPublic)).toEqual([false, false, false, false]);
  });
});

describe('a motion outline as a role sees it', () => {
  it('withholds the text of non-public sections from the office, marked hidden', () => {
    expect(outlineFor('office', outline, ['impacts'])).toEqual({
      problemAndSolution: 'Bausteine I–VI',
      alternatives: 'keine',
      impacts: null,
      nonPublicSections: ['impacts'],
      hidden: true,
    });
  });

  it('withholds a non-public section even when it has no text yet, so its presence does not show', () => {
    expect(outlineFor('office', outline, ['competence'])).toMatchObject({ competence: null, hidden: true });
  });

  it('shows every section to the roles that may see non-public content', () => {
    for (const role of ['clerk', 'auditor', 'admin']) {
      expect(outlineFor(role, outline, ['alternatives', 'problemAndSolution'])).toEqual({
        ...outline,
        nonPublicSections: ['problemAndSolution', 'alternatives'],
        hidden: false,
      });
    }
  });

  it('hides nothing from anyone when every section is public', () => {
    expect(outlineFor('office', outline, [])).toEqual({ ...outline, nonPublicSections: [], hidden: false });
  });
});

describe('a consultation record as a role sees it (issue 13, point 10)', () => {
  const votes = { ja: 12, nein: 1, enthaltung: 0, befangen: 0 };
  const record = { no: 1, bodyName: 'Kreisausschuss', meetingId: 'm-ka', agendaPosition: null, nonPublic: false, results: [{ outcome: 'recommended', votes }], vote: votes };

  it('withholds a non-public item’s meeting, agenda position and votes from the office, keeping body and outcome', () => {
    expect(consultationFor('office', record, { position: 7, public: false })).toEqual({
      ...record,
      meetingId: null,
      agendaPosition: null,
      nonPublic: true,
      results: [{ outcome: 'recommended', votes: null }],
      vote: null,
    });
  });

  it('shows them to the roles that may see non-public content, and a public item to everyone', () => {
    for (const role of ['clerk', 'auditor', 'admin']) {
      expect(consultationFor(role, record, { position: 7, public: false })).toEqual({ ...record, agendaPosition: 7, nonPublic: true });
    }
    expect(consultationFor('office', record, { position: 3, public: true })).toEqual({ ...record, agendaPosition: 3 });
    expect(consultationFor('office', record, undefined)).toEqual(record);
  });
});
