import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ROLES, type UserRole } from './policy';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'm.mustermann', description: 'The person or service the key belongs to' })
  @IsString()
  @Matches(/^[A-Za-z0-9._@-]{1,100}$/, { message: 'userId may contain letters, digits and . _ @ - (at most 100)' })
  userId!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn([...ROLES], { message: `role must be one of ${ROLES.join(', ')}` })
  role!: UserRole;

  @ApiProperty({ example: 'Sitzungsdienst Laptop' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: '2027-12-31T23:59:59+01:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

const TIME = { format: 'date-time', description: 'Europe/Berlin, ISO 8601 with offset' } as const;

export class IssuedKeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Shown once. Store it now; only its prefix is kept readable.' }) token!: string;
  @ApiProperty() prefix!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ ...TIME, nullable: true, type: String }) expiresAt!: string | null;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() prefix!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ ...TIME, nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty({ ...TIME, nullable: true, type: String }) revokedAt!: string | null;
  @ApiProperty(TIME) createdAt!: string;
}

export class WhoAmIDto {
  @ApiProperty({ description: 'Your Körperschaft' }) tenant!: string;
  @ApiProperty({ description: 'Its name, e.g. Kreis Coesfeld', example: 'Kreis Coesfeld' }) tenantName!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
}
