import { applyDecorators, Controller, Get, Headers, Param, ParseIntPipe, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AnyRole, Ctx } from '../auth/policy';
import { ApiProblems } from '../common/openapi';
import { DomainError } from '../common/problem';
import type { RequestContext } from '../engine/types';
import { DocumentsView } from './documents.view';
import { DocumentListDto } from './dto';
import { sendPdf } from './pdf-reply';
import { Endpoint } from '../common/endpoint';

const PDF = { description: 'The PDF (PDF/A-2b), with ETag (its SHA-256) and Content-Disposition naming the file', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } };
/** seq is a PostgreSQL integer. */
const MAX_SEQ = 2_147_483_647;
const SEQ = { name: 'seq', description: 'The DOCUMENT_ISSUED event that issued the file', schema: { type: 'integer' as const, minimum: 1, maximum: MAX_SEQ } };

/**
 * Reads of issued documents: the list of a motion's or meeting's documents and the files themselves.
 * Issuing is a command (documents.commands.ts). Nichtöffentliche documents exist only for roles that
 * may see non-public content (src/motions/visibility.ts); for others they are not listed and not found.
 */
@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsView) {}

  @Endpoint('GET', 'motions/:id/documents', { summary: 'The documents issued for a motion (Vorlage, Beschlussauszüge), with download links and hashes', type: DocumentListDto, problems: [400, 401, 403, 404] })
  motionDocuments(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<DocumentListDto> {
    return this.documents.of(ctx, 'motion', id);
  }

  @Endpoint('GET', 'meetings/:id/documents', { summary: 'The documents issued for a meeting (Einladung, Niederschrift; non-public parts only for roles that may see them)', type: DocumentListDto, problems: [400, 401, 403, 404] })
  meetingDocuments(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<DocumentListDto> {
    return this.documents.of(ctx, 'meeting', id);
  }

  @Get('documents/:id/:seq')
  @FileRoute('An issued document, shown inline (OParl accessUrl)')
  show(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Param('seq', ParseIntPipe) seq: number, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    return this.send(ctx, id, seq, 'inline', ifNoneMatch, reply);
  }

  @Get('documents/:id/:seq/download')
  @FileRoute('An issued document as a download (OParl downloadUrl)')
  download(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string, @Param('seq', ParseIntPipe) seq: number, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    return this.send(ctx, id, seq, 'attachment', ifNoneMatch, reply);
  }

  private async send(ctx: RequestContext, id: string, seq: number, type: 'inline' | 'attachment', ifNoneMatch: string | undefined, reply: FastifyReply): Promise<void> {
    if (seq < 1 || seq > MAX_SEQ) throw new DomainError(400, 'VALIDATION.FAILED', `The request is not valid. seq: must be a whole number from 1 to ${MAX_SEQ}`, { errors: [{ field: 'seq', messages: [`seq must be from 1 to ${MAX_SEQ}`] }] });
    sendPdf(reply, await this.documents.file(ctx, id, seq), type, ifNoneMatch, { 'Cache-Control': 'private, no-cache' });
  }
}

/** What both file routes share: any role, the path parameters, the PDF answer, 304 and the problems. */
function FileRoute(summary: string): MethodDecorator {
  return applyDecorators(
    AnyRole(),
    ApiOperation({ summary }),
    ApiParam({ name: 'id', format: 'uuid', type: String, description: 'The motion or meeting' }),
    ApiParam(SEQ),
    ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag you hold: 304 when unchanged' }),
    ApiProduces('application/pdf'),
    ApiOkResponse(PDF),
    ApiResponse({ status: 304, description: 'Not modified (If-None-Match matched the ETag)' }),
    ApiProblems(400, 401, 403, 404),
  );
}
