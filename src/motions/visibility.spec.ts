import { ROLES } from '../auth/roles';
import { maySeeNonPublic, outlineFor } from './visibility';

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
