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

export class IssuedKeyDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Shown once. Store it now; only its prefix is kept readable.' }) token!: string;
  @ApiProperty() prefix!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ nullable: true, type: String }) expiresAt!: string | null;
}

export class ApiKeyDto {
  @ApiProperty() id!: string;
  @ApiProperty() prefix!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() role!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt!: string | null;
  @ApiProperty() createdAt!: string;
}

export class WhoAmIDto {
  @ApiProperty() tenant!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() role!: string;
}
