import { ApiProperty } from '@nestjs/swagger';
import { CriterionDto, ProviderRefDto } from './procedure.dto';

/** Response DTOs of the read-only queries: ranking table, coverage map, selected providers (selection.view.ts maps them). */

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

export class CoveragePhaseDto {
  @ApiProperty({ enum: ['pilot', 'rollOut', 'whole'], description: 'pilot phase, roll-out after it, or the whole area decided at once' }) phase!: 'pilot' | 'rollOut' | 'whole';
  @ApiProperty({ description: 'The allocation in force now (the last phase decided)' }) current!: boolean;
  @ApiProperty({ example: '0.50' }) fteAllocated!: string;
  @ApiProperty({ example: '1.00', description: 'FTE available but not allocated in this phase' }) fteUnallocated!: string;
  @ApiProperty({ type: [String], description: 'The municipalities this phase serves, in the order of the call' }) coveredMunicipalities!: string[];
  @ApiProperty() decidedAt!: string;
  @ApiProperty() decidedBy!: string;
  @ApiProperty({ type: [MunicipalityCoverageDto], description: 'Every municipality of the area with this phase’s shares' }) municipalities!: MunicipalityCoverageDto[];
}

export class CoverageDto {
  @ApiProperty() procedureId!: string;
  @ApiProperty({ description: 'A selection is decided; before that the map is empty' }) decided!: boolean;
  @ApiProperty({ example: '1.50' }) fteAvailable!: string;
  @ApiProperty({ example: '1.50', description: 'In the allocation in force' }) fteAllocated!: string;
  @ApiProperty({ example: '0.00', description: 'Available but not allocated in the allocation in force (a pilot phase before its roll-out)' }) fteUnallocated!: string;
  @ApiProperty({ nullable: true, type: [String], description: 'Pilot municipalities; null when the whole area is to be covered' }) pilotMunicipalities!: string[] | null;
  @ApiProperty({ type: [MunicipalityCoverageDto], description: 'Every municipality of the area with the allocation in force, in the order of the call' }) municipalities!: MunicipalityCoverageDto[];
  @ApiProperty({ type: [CoveragePhaseDto], description: 'Every phase decided, oldest first: the whole area at once, or the pilot phase and then its roll-out' })
  phases!: CoveragePhaseDto[];
}

export class SelectedProviderDto extends ProviderRefDto {
  @ApiProperty({ example: '1.50', description: "The provider's FTE over all municipalities" }) fte!: string;
}

export class SelectedProvidersDto {
  @ApiProperty({ example: 'VI' }) module!: string;
  @ApiProperty({ description: 'A selection is decided for the module' }) decided!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'The procedure whose decision this is' }) procedureId!: string | null;
  @ApiProperty({ type: [SelectedProviderDto] }) providers!: SelectedProviderDto[];
}
