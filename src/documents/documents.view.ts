import { Injectable } from '@nestjs/common';
import type { DocumentPart } from '../../workflows/shared/documents';
import { toBerlinIso } from '../common/berlin-time';
import { notFound } from '../common/problem';
import type { CommandView } from '../engine/commands';
import { EngineService } from '../engine/engine.service';
import type { InstanceRecord, RequestContext } from '../engine/types';
import { maySeeNonPublic } from '../motions/visibility';
import { DocumentsRepository, type DocumentRow } from './documents.repository';
import type { DocumentDto, DocumentListDto } from './dto';

/** The parts a role may see: nichtöffentliche documents only for roles that may see non-public content. */
export const partsFor = (role: string): DocumentPart[] => (maySeeNonPublic(role) ? ['public', 'nonPublic'] : ['public']);

export const documentUrl = (instanceId: string, seq: number): string => `/documents/${instanceId}/${seq}`;

export function toDocumentDto(r: DocumentRow): DocumentDto {
  const url = documentUrl(r.instance_id, r.seq);
  return {
    instanceId: r.instance_id,
    seq: r.seq,
    kind: r.kind,
    part: r.part,
    subject: r.subject,
    title: r.title,
    fileName: r.file_name,
    mimeType: r.mime_type,
    size: r.size,
    sha256: r.sha256,
    sha512: r.sha512,
    issuedAt: toBerlinIso(r.issued_at),
    issuedBy: r.issued_by,
    accessUrl: url,
    downloadUrl: `${url}/download`,
  };
}

/**
 * The documents of a motion or meeting as a caller may see them. `list` is the one query other
 * modules use (OParl `File`, the console's download buttons): accessUrl, downloadUrl, mimeType,
 * size and sha512 per file.
 */
@Injectable()
export class DocumentsView implements CommandView<DocumentListDto> {
  constructor(
    private readonly repository: DocumentsRepository,
    private readonly engine: EngineService,
  ) {}

  view(ctx: RequestContext, instance: InstanceRecord): Promise<DocumentListDto> {
    return this.list(ctx, instance.id);
  }

  async list(ctx: RequestContext, instanceId: string): Promise<DocumentListDto> {
    const rows = await this.repository.list(ctx.tenant, instanceId, partsFor(ctx.actor.role));
    return { instanceId, documents: rows.map(toDocumentDto) };
  }

  /** The list for a motion's or meeting's own route: 404 when the id is not one of that type. */
  async of(ctx: RequestContext, type: 'motion' | 'meeting', id: string): Promise<DocumentListDto> {
    const instance = await this.engine.get(ctx, id);
    if (instance.workflowType !== type) throw notFound(type === 'motion' ? 'Motion' : 'Meeting', id);
    return this.list(ctx, id);
  }

  /** The file; a non-public one is "not found" for roles that may not see it (its existence is not disclosed). */
  async file(ctx: RequestContext, instanceId: string, seq: number): Promise<DocumentRow & { content: Buffer }> {
    const row = await this.repository.file(ctx.tenant, instanceId, seq);
    if (!row || !partsFor(ctx.actor.role).includes(row.part)) throw notFound('Document', `${instanceId}/${seq}`);
    return row;
  }
}
