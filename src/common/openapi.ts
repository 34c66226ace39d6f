import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export class ViolationDto {
  @ApiProperty({ description: 'Stable code of the rule, e.g. MOTION.NOT_COMPETENT' }) code!: string;
  @ApiProperty({ description: 'The rule in plain words' }) message!: string;
}

export class FieldErrorDto {
  @ApiProperty({ description: 'Path of the field, e.g. outcomes.0.votes' }) field!: string;
  @ApiProperty({ type: [String] }) messages!: string[];
}

/** One step the state offers (src/engine/commands.ts `NextStep`): every view, command answer and refusal lists these. */
export class NextStepDto {
  @ApiProperty({ example: 'SCHEDULE', description: 'The event the step sends' }) command!: string;
  @ApiProperty({ example: 'POST' }) method!: string;
  @ApiProperty({ example: '/motions/4b1e…/schedule' }) path!: string;
  @ApiProperty() allowed!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why it is blocked, in plain words; null when allowed' }) reason!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'What it would do now, when allowed' }) hint!: string | null;
  @ApiProperty({ type: [ViolationDto], description: 'The refusing rules with their codes; empty when allowed' }) violations!: ViolationDto[];
}

/** RFC 7807 problem details, as the one exception filter writes them for every error. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:beschlussweg:problem:WORKFLOW.EVENT_NOT_ALLOWED' }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ minimum: 400, maximum: 599 }) status!: number;
  @ApiProperty({ description: 'What went wrong, in plain words' }) detail!: string;
  @ApiProperty({ description: 'Stable code clients match on' }) code!: string;
  @ApiPropertyOptional({ description: 'The request path' }) instance?: string;
  @ApiPropertyOptional({ description: 'On 5xx: quote it when reporting the error' }) correlationId?: string;
  @ApiPropertyOptional({ type: [String], description: 'Refusals: the events the state allows now (those its next steps mark allowed)' }) allowedEvents?: string[];
  @ApiPropertyOptional({ type: [NextStepDto], description: 'Refusals of commands: what can be done instead, with reasons' }) nextSteps?: NextStepDto[];
  @ApiPropertyOptional({ type: [ViolationDto], description: 'Refusals by rule: every rule the request broke' }) violations?: ViolationDto[];
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'VALIDATION.FAILED: the fields and what is wrong with each' }) errors?: FieldErrorDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed or a field is invalid (VALIDATION.FAILED lists the fields). Nothing was written.',
  401: 'No valid bearer token.',
  403: 'Your role may not do this.',
  404: 'No such resource in your Körperschaft.',
  409: 'Not possible in the current state (WORKFLOW.EVENT_NOT_ALLOWED, with allowedEvents and nextSteps). Nothing was written.',
  412: 'If-Match named a version the instance has moved past (WORKFLOW.STALE_VERSION). Nothing was written.',
  422: 'A rule refuses it (its code, violations and nextSteps), or the Idempotency-Key was used for another request. Nothing was written.',
  429: 'Too many requests.',
  503: 'The database cannot be reached; nothing was written.',
};

/** Documents error answers as problem+json with the shared Problem schema. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } } }),
    ),
  );
}
