import { ApiProperty } from '@nestjs/swagger';
import { coverage, formatHundredths, ranking, type SelectedProvider, type SelectionContext } from '../../workflows/selection';
import { CriterionDto, ProviderRefDto, providerNames } from './procedure.view';

/** Response DTOs of the read-only queries: ranking table, coverage map, selected providers. */

const fte = formatHundredths;
const sumFteOf = (rows: readonly { readonly fteHundredths: number }[]): number => rows.reduce((sum, r) => sum + r.fteHundredths, 0);

export class EvaluatorScoreDto {
  @ApiProperty() evaluatorId!: string;
  @ApiProperty() points!: number;
  @ApiProperty() comment!: string;
}

export class CriterionResultDto {
  @ApiProperty() criterionKey!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '40.00', description: 'Percent of the 100 points' }) weight!: string;
  @ApiProperty({ description: 'Evaluators who scored this criterion' }) evaluations!: number;
  @ApiProperty() pointsSum!: number;
  @ApiProperty({ nullable: true, type: String, example: '4.50', description: 'Mean points (half-up to hundredths); null when nobody scored' }) mean!: string | null;
  @ApiProperty({ example: '36.00', description: "This criterion's share of the total" }) weighted!: string;
  @ApiProperty({ type: [EvaluatorScoreDto] }) scores!: EvaluatorScoreDto[];
}

export class RankingRowDto {
  @ApiProperty({ description: 'Standard competition ranking: equal totals share a rank (1, 1, 3)' }) rank!: number;
  @ApiProperty({ description: 'Another declaration has the same total' }) tied!: boolean;
  @ApiProperty({ description: 'Every criterion scored by the required number of evaluators' }) complete!: boolean;
  @ApiProperty() declarationId!: string;
  @ApiProperty() providerId!: string;
  @ApiProperty() providerName!: string;
  @ApiProperty({ example: '89.00', description: 'Weighted total out of 100.00, computed from the scores' }) total!: string;
  @ApiProperty({ type: [CriterionResultDto] }) perCriterion!: CriterionResultDto[];
}

export class RankingDto {
  @ApiProperty() procedureId!: string;
  @ApiProperty() module!: string;
  @ApiProperty() scaleMax!: number;
  @ApiProperty() requiredEvaluators!: number;
  @ApiProperty({ type: [CriterionDto] }) criteria!: CriterionDto[];
  @ApiProperty({ type: [RankingRowDto], description: 'Admitted declarations, best first' }) rows!: RankingRowDto[];

  static from(procedureId: string, c: SelectionContext): RankingDto {
    return {
      procedureId,
      module: c.module,
      scaleMax: c.scaleMax,
      requiredEvaluators: c.requiredEvaluators,
      criteria: c.criteria.map((k) => ({ key: k.key, name: k.name, weight: fte(k.weightBp) })),
      rows: ranking(c).map((r) => ({
        rank: r.rank,
        tied: r.tied,
        complete: r.complete,
        declarationId: r.declarationId,
        providerId: r.providerId,
        providerName: r.providerName,
        total: fte(r.totalHundredths),
        perCriterion: r.perCriterion.map((k) => ({
          criterionKey: k.criterionKey,
          name: k.name,
          weight: fte(k.weightBp),
          evaluations: k.evaluations,
          pointsSum: k.pointsSum,
          mean: k.meanHundredths === null ? null : fte(k.meanHundredths),
          weighted: fte(k.weightedHundredths),
          scores: k.scores.map((s) => ({ ...s })),
        })),
      })),
    };
  }
}

export class ProviderShareDto extends ProviderRefDto {
  @ApiProperty({ example: '0.14' }) fte!: string;
}

export class MunicipalityCoverageDto {
  @ApiProperty() municipality!: string;
  @ApiProperty() covered!: boolean;
  @ApiProperty({ example: '0.14', description: 'FTE serving this municipality' }) fte!: string;
  @ApiProperty({ type: [ProviderShareDto] }) providers!: ProviderShareDto[];
}

export class CoverageDto {
  @ApiProperty() procedureId!: string;
  @ApiProperty({ description: 'A selection is decided; before that the map is empty' }) decided!: boolean;
  @ApiProperty({ example: '1.50' }) fteAvailable!: string;
  @ApiProperty({ example: '1.50' }) fteAllocated!: string;
  @ApiProperty({ nullable: true, type: [String], description: 'Pilot municipalities; null when the whole area is to be covered' }) pilotMunicipalities!: string[] | null;
  @ApiProperty({ type: [MunicipalityCoverageDto], description: 'Every municipality of the area, in the order of the call' }) municipalities!: MunicipalityCoverageDto[];

  static from(procedureId: string, c: SelectionContext): CoverageDto {
    const nameOf = providerNames(c);
    const map = coverage(c);
    return {
      procedureId,
      decided: c.selection !== null,
      fteAvailable: fte(c.fteAvailableHundredths),
      fteAllocated: fte(sumFteOf(c.selection?.allocation ?? [])),
      pilotMunicipalities: c.selection?.pilot ? [...c.selection.pilot.municipalities] : null,
      municipalities: Object.entries(map).map(([municipality, shares]) => ({
        municipality,
        covered: shares.length > 0,
        fte: fte(sumFteOf(shares)),
        providers: shares.map((s) => ({ providerId: s.providerId, providerName: nameOf(s.providerId), fte: fte(s.fteHundredths) })),
      })),
    };
  }
}

export class SelectedProviderDto extends ProviderRefDto {
  @ApiProperty({ example: '1.50', description: "The provider's FTE over all municipalities" }) fte!: string;
}

export class SelectedProvidersDto {
  @ApiProperty({ example: 'VI' }) module!: string;
  @ApiProperty({ description: 'A selection is decided for the module' }) decided!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'The procedure whose decision this is' }) procedureId!: string | null;
  @ApiProperty({ type: [SelectedProviderDto] }) providers!: SelectedProviderDto[];

  static from(module: string, fact: { selectionInstanceId: string | null; decided: boolean; providers: SelectedProvider[] }): SelectedProvidersDto {
    return {
      module,
      decided: fact.decided,
      procedureId: fact.selectionInstanceId,
      providers: fact.providers.map((p) => ({ providerId: p.providerId, providerName: p.providerName, fte: fte(p.fteHundredths) })),
    };
  }
}
