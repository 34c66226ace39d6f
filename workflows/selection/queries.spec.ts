import { compareInstants, instantMs, isDateOrInstant, isInstant } from '../shared/calendar';
import { MODULE_VI, evenShares } from './fixtures';
import { coverage, formatHundredths, initialContext, passedOver, ranking, scoringGaps, selectedProviders, staffingOverview, tiedOut } from './index';
import type { Criterion, Declaration, Score, SelectionContext } from './types';

const declaration = (declarationId: string, providerId: string, providerName: string, admitted = true): Declaration => ({
  declarationId,
  providerId,
  providerName,
  concept: '',
  receivedAt: '2020-03-20T10:00:00.000Z',
  municipalities: ['Olfen', 'Senden'],
  late: !admitted,
  admitted,
  recordedAt: '2020-03-20T10:00:00.000Z',
});

/** points[declarationId][criterionKey] = points per evaluator e1, e2, ... */
function procedure(criteria: Criterion[], scaleMax: number, points: Record<string, Record<string, number[]>>, extra: Partial<SelectionContext> = {}): SelectionContext {
  const names: Record<string, string> = { d1: 'Anna e.V.', d2: 'Berta gGmbH', d3: 'Cäcilie e.V.', d4: 'Dora e.V.' };
  const scores: Score[] = Object.entries(points).flatMap(([declarationId, byCriterion]) =>
    Object.entries(byCriterion).flatMap(([criterionKey, list]) =>
      list.map((p, i) => ({ declarationId, criterionKey, evaluatorId: `e${i + 1}`, points: p, comment: '', scoredAt: '2020-04-02T08:00:00.000Z' })),
    ),
  );
  return {
    ...initialContext({ ...MODULE_VI, criteria, scaleMax, requiredEvaluators: 1, municipalities: ['Olfen', 'Senden'] }),
    declarations: Object.keys(points).map((id) => declaration(id, `p-${id}`, names[id] ?? id)),
    scores,
    ...extra,
  };
}

describe('ranking: the weighted total, computed exactly', () => {
  it('given means per criterion, then total = Σ (mean / scaleMax) × weight, in hundredths of a point', () => {
    const c = procedure(
      [
        { key: 'a', name: 'A', weightBp: 6000 },
        { key: 'b', name: 'B', weightBp: 4000 },
      ],
      5,
      { d1: { a: [5, 4], b: [3, 3] } },
    );
    // (4.5 / 5) × 60 + (3 / 5) × 40 = 54 + 24 = 78.00
    const [row] = ranking(c);
    expect(row).toMatchObject({ totalHundredths: 7800, rank: 1, tied: false, complete: true });
    expect(row?.perCriterion).toEqual([
      { criterionKey: 'a', name: 'A', weightBp: 6000, evaluations: 2, pointsSum: 9, meanHundredths: 450, weightedHundredths: 5400, scores: [{ evaluatorId: 'e1', points: 5, comment: '' }, { evaluatorId: 'e2', points: 4, comment: '' }] },
      { criterionKey: 'b', name: 'B', weightBp: 4000, evaluations: 2, pointsSum: 6, meanHundredths: 300, weightedHundredths: 2400, scores: [{ evaluatorId: 'e1', points: 3, comment: '' }, { evaluatorId: 'e2', points: 3, comment: '' }] },
    ]);
  });

  it('given thirds, then the exact fraction is rounded half-up once, at the end', () => {
    const c = procedure([{ key: 'a', name: 'A', weightBp: 10000 }], 5, { d1: { a: [5, 5, 4] } });
    // 14/3 / 5 × 100 = 93.333… → 93.33; the mean 4.666… → 4.67
    expect(ranking(c)[0]).toMatchObject({ totalHundredths: 9333 });
    expect(ranking(c)[0]?.perCriterion[0]?.meanHundredths).toBe(467);
  });

  it('given a total of exactly x.xx5, then it rounds half-up', () => {
    const c = procedure(
      [
        { key: 'a', name: 'A', weightBp: 5001 },
        { key: 'b', name: 'B', weightBp: 4999 },
      ],
      2,
      { d1: { a: [1], b: [0] }, d2: { a: [1], b: [1] } },
    );
    const rows = ranking(c);
    // d1: 1/2 × 50.01 = 25.005 → 25.01
    expect(rows.find((r) => r.declarationId === 'd1')?.totalHundredths).toBe(2501);
    // d2: 25.005 + 24.995 = 50.00 exactly, although the rounded parts show 25.01 + 25.00
    const d2 = rows.find((r) => r.declarationId === 'd2');
    expect(d2?.totalHundredths).toBe(5000);
    expect(d2?.perCriterion.map((p) => p.weightedHundredths)).toEqual([2501, 2500]);
  });

  it('given equal totals, then they share a rank and are marked tied (1, 1, 3)', () => {
    const criteria = [{ key: 'a', name: 'A', weightBp: 10000 }];
    const c = procedure(criteria, 5, { d1: { a: [3] }, d2: { a: [4] }, d3: { a: [4] }, d4: { a: [2] } });
    expect(ranking(c).map((r) => [r.declarationId, r.rank, r.tied, r.totalHundredths])).toEqual([
      ['d2', 1, true, 8000],
      ['d3', 1, true, 8000],
      ['d1', 3, false, 6000],
      ['d4', 4, false, 4000],
    ]);
  });

  it('given a criterion nobody scored yet, then it counts 0 and the row is not complete; late declarations are not ranked', () => {
    const c = procedure(
      [
        { key: 'a', name: 'A', weightBp: 5000 },
        { key: 'b', name: 'B', weightBp: 5000 },
      ],
      5,
      { d1: { a: [5] } },
    );
    const withLate = { ...c, declarations: [...c.declarations, declaration('d9', 'p-late', 'Spät e.V.', false)] };
    expect(ranking(withLate)).toEqual([expect.objectContaining({ declarationId: 'd1', totalHundredths: 5000, complete: false })]);
    expect(ranking(withLate)[0]?.perCriterion[1]).toMatchObject({ evaluations: 0, meanHundredths: null, weightedHundredths: 0 });
    expect(scoringGaps(withLate)).toEqual([{ declarationId: 'd1', providerName: 'Anna e.V.', criterionKey: 'b', evaluations: 0, required: 1 }]);
  });

  it('passedOver: choosing among providers tied at the boundary follows the ranking; skipping a better one does not', () => {
    const c = procedure([{ key: 'a', name: 'A', weightBp: 10000 }], 5, { d1: { a: [5] }, d2: { a: [4] }, d3: { a: [4] }, d4: { a: [2] } });
    expect(passedOver(c, ['p-d1', 'p-d2'])).toEqual([]);
    expect(passedOver(c, ['p-d1', 'p-d3'])).toEqual([]);
    expect(passedOver(c, ['p-d1', 'p-d4']).map((r) => r.declarationId)).toEqual(['d2', 'd3']);
    expect(passedOver(c, ['p-d2']).map((r) => r.declarationId)).toEqual(['d1']);
  });

  it('tiedOut: the providers a selection leaves out although they tie with its lowest-ranked choice', () => {
    const c = procedure([{ key: 'a', name: 'A', weightBp: 10000 }], 5, { d1: { a: [5] }, d2: { a: [4] }, d3: { a: [4] }, d4: { a: [2] } });
    expect(tiedOut(c, ['p-d1', 'p-d2']).map((r) => r.declarationId)).toEqual(['d3']);
    expect(tiedOut(c, ['p-d1', 'p-d2', 'p-d3'])).toEqual([]);
    expect(tiedOut(c, ['p-d1'])).toEqual([]);
    expect(tiedOut(c, ['p-d1', 'p-d4'])).toEqual([]);
  });
});

describe('coverage, selected providers and staffing', () => {
  const base = procedure([{ key: 'a', name: 'A', weightBp: 10000 }], 5, { d1: { a: [5] }, d2: { a: [4] } });

  it('given no decision, then every municipality is listed uncovered and no provider is selected', () => {
    expect(coverage(base)).toEqual({ Olfen: [], Senden: [] });
    expect(selectedProviders(base)).toEqual([]);
    expect(staffingOverview(base)).toEqual([]);
  });

  it('given a proposed allocation, then coverage previews it', () => {
    expect(coverage(base, [{ providerId: 'p-d1', municipality: 'Olfen', fteHundredths: 150 }])).toEqual({ Olfen: [{ providerId: 'p-d1', fteHundredths: 150 }], Senden: [] });
  });

  it('given a decided selection, then each selected provider gets its summed FTE and staffing shows what is open', () => {
    const decided: SelectionContext = {
      ...base,
      selection: {
        selected: [{ providerId: 'p-d1' }, { providerId: 'p-d2' }],
        deviates: false,
        tieBroken: false,
        deviationReason: null,
        allocation: [
          { providerId: 'p-d1', municipality: 'Olfen', fteHundredths: 50 },
          { providerId: 'p-d1', municipality: 'Senden', fteHundredths: 25 },
          { providerId: 'p-d2', municipality: 'Senden', fteHundredths: 75 },
        ],
        pilot: null,
        rollOut: null,
        decidedAt: '2020-04-20T08:00:00.000Z',
        decidedBy: 'office',
      },
      staffing: [{ providerId: 'p-d2', fteHundredths: 50, from: '2020-05-01', status: 'staffed', recordedAt: '2020-05-04T08:00:00.000Z' }],
    };
    expect(selectedProviders(decided)).toEqual([
      { providerId: 'p-d1', providerName: 'Anna e.V.', fteHundredths: 75 },
      { providerId: 'p-d2', providerName: 'Berta gGmbH', fteHundredths: 75 },
    ]);
    expect(coverage(decided)['Senden']).toEqual([
      { providerId: 'p-d1', fteHundredths: 25 },
      { providerId: 'p-d2', fteHundredths: 75 },
    ]);
    expect(staffingOverview(decided).map((p) => [p.providerId, p.fteHundredths, p.staffedHundredths, p.openHundredths])).toEqual([
      ['p-d1', 75, 0, 75],
      ['p-d2', 75, 50, 25],
    ]);
  });

  it('formats hundredths exactly and spreads FTE in whole hundredths', () => {
    expect([150, 10000, 5, 0, -5, 1234].map(formatHundredths)).toEqual(['1.50', '100.00', '0.05', '0.00', '-0.05', '12.34']);
    const shares = evenShares(150, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K']);
    expect(shares.reduce((s, x) => s + x.fteHundredths, 0)).toBe(150);
    expect(shares.map((s) => s.fteHundredths)).toEqual([14, 14, 14, 14, 14, 14, 14, 13, 13, 13, 13]);
  });
});

describe('calendar: instants without Date', () => {
  it('compares instants across offsets and precision', () => {
    expect(compareInstants('2020-03-31T23:59:59+02:00', '2020-03-31T21:59:59.000Z')).toBe(0);
    expect(compareInstants('2020-03-31T22:00:00Z', '2020-03-31T21:59:59.999Z')).toBe(1);
    expect(compareInstants('2020-01-01T00:00:00+01:00', '2020-01-01T00:00:00Z')).toBe(-1);
    expect(instantMs('1970-01-01T00:00:00Z')).toBe(0);
    expect(instantMs('2020-05-01T00:00:00.000Z')).toBe(1588291200000);
  });

  it('rejects what is not an instant or a date', () => {
    expect(['2020-02-30T10:00:00Z', '2020-03-31', '2020-03-31T24:00:00Z', '31.03.2020', 42].map(isInstant)).toEqual([false, false, false, false, false]);
    expect(['2020-02-29', '2021-02-29', '2020-05-01T08:00:00Z', '2020-13-01'].map(isDateOrInstant)).toEqual([true, false, true, false]);
  });
});
