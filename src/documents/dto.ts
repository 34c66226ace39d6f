import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { DocumentKind, DocumentPart } from '../../workflows/shared/documents';

const PARTS: DocumentPart[] = ['public', 'nonPublic'];
const AUDIT_REPORT = 'auditReport (Prüfbericht): the history, its verification and the latest signed checkpoint; always non-public, and the only kind an auditor issues';
const PART_DESCRIPTION = 'öffentlicher (`public`, default) or nichtöffentlicher Teil (`nonPublic`)';

export class IssueMotionDocumentDto {
  @ApiProperty({ enum: ['vorlage', 'beschlussauszug', 'auditReport'], description: `Vorlage: the motion as released. Beschlussauszug: one adopted proposal, in its adopted version. ${AUDIT_REPORT}` })
  @IsIn(['vorlage', 'beschlussauszug', 'auditReport'])
  kind!: 'vorlage' | 'beschlussauszug' | 'auditReport';

  @ApiPropertyOptional({ enum: PARTS, description: `${PART_DESCRIPTION}; a Vorlage has a non-public document only when sections of its Begründung are non-public` })
  @IsOptional()
  @IsIn(PARTS)
  part?: DocumentPart;

  @ApiPropertyOptional({ description: 'Beschlussauszug: the key of the adopted proposal', example: '1', maxLength: 16 })
  @IsOptional()
  @Matches(/^[A-Za-z0-9.-]{1,16}$/, { message: 'proposalKey is the key of a proposal, e.g. 1' })
  proposalKey?: string;
}

export class IssueMeetingDocumentDto {
  @ApiProperty({ enum: ['einladung', 'niederschrift', 'auditReport'], description: `Einladung: the agenda as invited, with the Ladungsfrist. Niederschrift: the held meeting with attendance, outcomes and votes. ${AUDIT_REPORT}` })
  @IsIn(['einladung', 'niederschrift', 'auditReport'])
  kind!: 'einladung' | 'niederschrift' | 'auditReport';

  @ApiPropertyOptional({ enum: PARTS, description: PART_DESCRIPTION })
  @IsOptional()
  @IsIn(PARTS)
  part?: DocumentPart;
}

/** One issued file, shaped for OParl `File` and the console's download buttons. */
export class DocumentDto {
  @ApiProperty({ format: 'uuid', description: 'The instance whose event issued it' }) instanceId!: string;
  @ApiProperty({ description: 'The DOCUMENT_ISSUED event (its sequence number in the instance log)' }) seq!: number;
  @ApiProperty({ enum: ['vorlage', 'einladung', 'niederschrift', 'beschlussauszug', 'auditReport'] }) kind!: DocumentKind;
  @ApiProperty({ enum: PARTS }) part!: DocumentPart;
  @ApiProperty({ nullable: true, type: String, description: 'Beschlussauszug: the proposal key' }) subject!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'Vorlage SV-9-1600-1.pdf' }) fileName!: string;
  @ApiProperty({ example: 'application/pdf' }) mimeType!: string;
  @ApiProperty({ description: 'Bytes' }) size!: number;
  @ApiProperty({ description: 'SHA-256 of the file, hex' }) sha256!: string;
  @ApiProperty({ description: 'SHA-512 of the file, hex (OParl sha512Checksum)' }) sha512!: string;
  @ApiProperty({ description: 'When the event was written (Europe/Berlin)' }) issuedAt!: string;
  @ApiProperty({ description: 'Who issued it' }) issuedBy!: string;
  @ApiProperty({ description: 'The file, shown inline (OParl accessUrl); path relative to the API' }) accessUrl!: string;
  @ApiProperty({ description: 'The file as a download (OParl downloadUrl); path relative to the API' }) downloadUrl!: string;
}

export class DocumentListDto {
  @ApiProperty({ format: 'uuid' }) instanceId!: string;
  @ApiProperty({ type: [DocumentDto], description: 'Oldest first; nichtöffentliche documents only for roles that may see them' }) documents!: DocumentDto[];
}
