import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * OpenAPI shapes of the OParl answers. The normative schema is OParl's own
 * (https://schema.oparl.org/1.1/, one JSON Schema per type; test/oparl validates every answer
 * against it), so these describe only the common frame instead of copying it.
 */
export class OParlObjectDto {
  @ApiProperty({ format: 'uri', description: 'The canonical URL of the object, where it is served' }) id!: string;
  @ApiProperty({ format: 'uri', example: 'https://schema.oparl.org/1.1/Paper' }) type!: string;
  @ApiPropertyOptional({ format: 'date-time' }) created?: string;
  @ApiPropertyOptional({ format: 'date-time' }) modified?: string;
  @ApiPropertyOptional({ description: 'Soft-deleted (depublished) object: only id, type, created, modified remain' }) deleted?: boolean;
}

export class OParlPaginationDto {
  @ApiProperty({ minimum: 1 }) elementsPerPage!: number;
}

export class OParlLinksDto {
  @ApiProperty({ format: 'uri' }) first!: string;
  @ApiPropertyOptional({ format: 'uri' }) prev?: string;
  @ApiProperty({ format: 'uri', description: 'The canonical URL of this page' }) self!: string;
  @ApiPropertyOptional({ format: 'uri', description: 'Present on every page but the last' }) next?: string;
}

export class OParlListDto {
  @ApiProperty({ type: [OParlObjectDto] }) data!: OParlObjectDto[];
  @ApiProperty() pagination!: OParlPaginationDto;
  @ApiProperty() links!: OParlLinksDto;
}

/** The error object of OParl 1.1 (spec 2.9). */
export class OParlErrorDto {
  @ApiProperty({ enum: ['https://schema.oparl.org/1.1/Error'] }) type!: string;
  @ApiProperty({ description: 'For people, in German' }) message!: string;
  @ApiPropertyOptional({ description: 'Details for developers' }) debug?: string;
}
