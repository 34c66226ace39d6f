import { Body, Controller, Get, Header, Param, ParseIntPipe, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Ctx, Public } from '../auth/policy';
import { DomainError } from '../common/problem';
import type { RequestContext } from '../engine/types';

/** seq is a PostgreSQL integer. */
const MAX_SEQ = 2_147_483_647;
import { AuditService } from './audit.service';
import { ConsistencyProofDto, ConsistencyQueryDto, CosignatureDto, CosignedDto, InclusionProofDto } from './dto';
import { AuditLogService } from './log.service';
import { ApiProblems } from '../common/openapi';
import { Endpoint } from '../common/endpoint';

/**
 * The log tree from outside: the latest signed checkpoint and consistency proofs are public (they
 * hold sizes and hashes only), so monitors and witnesses need no account; inclusion proofs and
 * cosignature submission are for auditors.
 */
@ApiTags('audit')
@Controller('audit')
export class AuditLogController {
  constructor(
    private readonly log: AuditLogService,
    private readonly audit: AuditService,
  ) {}

  @Get('log/:tenant/checkpoint')
  @ApiOkResponse({ description: 'The signed note (text/plain)', content: { 'text/plain': { schema: { type: 'string' } } } }) @ApiProblems(404)
  @Public()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/plain')
  // `security: []`: public, no bearer token (the class-level bearer requirement does not apply)
  @ApiOperation({ summary: "The Körperschaft's latest checkpoint: a C2SP tlog-checkpoint signed note with the witnesses' cosignatures (public)", security: [] })
  checkpoint(@Param('tenant') tenant: string): Promise<string> {
    return this.log.publishedNote(tenant);
  }

  @Get('log/:tenant/consistency')
  @ApiOkResponse({ type: ConsistencyProofDto }) @ApiProblems(400, 404)
  @Public()
  @ApiOperation({ summary: 'RFC 9162 consistency proof between two tree sizes of the log (public)', security: [] })
  consistency(@Param('tenant') tenant: string, @Query() q: ConsistencyQueryDto): Promise<ConsistencyProofDto> {
    return this.log.consistency(tenant, q.from, q.to);
  }

  @Endpoint('POST', 'log/cosignatures', { summary: 'Submit a witness cosignature (`npm run audit -- cosign`) on one of your log\'s checkpoints', roles: ['auditor', 'admin'], type: CosignedDto, problems: [400, 401, 403, 404, 422] })
  @ApiBearerAuth()
  cosign(@Ctx() ctx: RequestContext, @Body() body: CosignatureDto): Promise<CosignedDto> {
    return this.log.addCosignatures(ctx.tenant, body.note);
  }

  @Endpoint('GET', 'instances/:id/events/:seq/inclusion', { summary: "RFC 9162 inclusion proof of one event in the log's latest checkpoint", roles: ['auditor', 'admin'], type: InclusionProofDto, problems: [400, 401, 403, 404] })
  @ApiBearerAuth()
  @ApiParam({ name: 'seq', schema: { type: 'integer', minimum: 1, maximum: MAX_SEQ } })
  async inclusion(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Param('seq', new ParseIntPipe()) seq: number): Promise<InclusionProofDto> {
    if (seq < 1 || seq > MAX_SEQ) throw new DomainError(400, 'VALIDATION.FAILED', `The request is not valid. seq: must be a whole number from 1 to ${MAX_SEQ}`, { errors: [{ field: 'seq', messages: [`seq must be from 1 to ${MAX_SEQ}`] }] });
    await this.audit.stateAsOf(ctx, id, { seq: 0 }); // 404 for another Körperschaft's instance
    return this.log.inclusion(ctx.tenant, id, seq);
  }
}
