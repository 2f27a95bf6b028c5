import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PARTY_KINDS, ROLES, type PartyKind, type Role } from '@gx/domain';
import {
  AfterQueryDto,
  IsIdentifierText,
  IsPlainText,
  MAX_PASSWORD,
  MIN_PASSWORD,
  MOBILE_PATTERN,
  USERNAME_PATTERN,
  USERNAME_RULE,
} from '@gx/application';

const PARTY_DESCRIPTION =
  'The party the user acts for: the pickup point of a leader, the kitchen of a purchaser, the buyer id of a buyer (required for those roles, refused for the others)';

/** The roles of an account and the party they act for, as creating a user and assigning roles take them. */
export class RolesAndPartyDto {
  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({ example: 'PP-DCF-01', description: PARTY_DESCRIPTION })
  @IsOptional()
  @IsIdentifierText(60)
  party?: string;
}

export class CreateUserDto extends RolesAndPartyDto {
  @ApiProperty({ example: 'purchaser2', description: USERNAME_RULE })
  @Matches(USERNAME_PATTERN, { message: `username must be ${USERNAME_RULE}` })
  username: string;

  @ApiProperty({ example: '聊城二中食堂 采购' }) @IsPlainText(40) displayName: string;

  @ApiPropertyOptional({
    example: '13800138000',
    description: 'Mainland China mobile number; the person may sign in with it too (one account per number)',
  })
  @IsOptional()
  @Matches(MOBILE_PATTERN, { message: 'mobile must be an 11-digit mainland China mobile number (13…–19…)' })
  mobile?: string;

  @ApiProperty({
    minLength: MIN_PASSWORD,
    maxLength: MAX_PASSWORD,
    description: 'Initial password, handed to the person; they change it with PUT /me/password',
  })
  @IsString()
  @MinLength(MIN_PASSWORD)
  @MaxLength(MAX_PASSWORD)
  password: string;
}

export class AssignRolesDto extends RolesAndPartyDto {}

export class DisableUserDto {
  @ApiPropertyOptional({ example: '离职' }) @IsOptional() @IsPlainText(200) reason?: string;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: MIN_PASSWORD, maxLength: MAX_PASSWORD })
  @IsString()
  @MinLength(MIN_PASSWORD)
  @MaxLength(MAX_PASSWORD)
  newPassword: string;
}

/** An account as operators see it. */
export class UserView {
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiPropertyOptional({ description: 'The party the user acts for' }) party?: string;
  @ApiPropertyOptional({ enum: PARTY_KINDS, description: 'What kind of party `party` is (as in GET /me)' })
  partyKind?: PartyKind;
  @ApiProperty({ description: 'A disabled user cannot sign in and their tokens are refused' }) disabled: boolean;
  @ApiProperty({
    description:
      'The person’s personal data was erased (POST /people/{username}/erasure): the name reads 已删除, the account is disabled for good',
  })
  erased: boolean;
  @ApiProperty({ description: 'Log position of the last change (for ?after= on read models)' }) position: string;
}

/** Most accounts one page of `GET /users` holds. */
export const MAX_USERS_PAGE = 200;

export class UserListQueryDto extends AfterQueryDto {
  @ApiPropertyOptional({ enum: ROLES, description: 'only accounts having this role' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ enum: PARTY_KINDS, description: 'only accounts acting for a party of this kind' })
  @IsOptional()
  @IsIn(PARTY_KINDS)
  partyKind?: PartyKind;

  @ApiPropertyOptional({
    example: 'BUYER-LC-001',
    description: 'only accounts acting for this party (needs partyKind)',
  })
  @IsOptional()
  @IsIdentifierText(60)
  party?: string;

  @ApiPropertyOptional({ enum: ['active', 'disabled'], description: 'only active or only disabled accounts' })
  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';

  @ApiPropertyOptional({
    example: 'buy',
    description: 'a prefix of the username (case-insensitive); display names are sealed personal data and not searched',
  })
  @IsOptional()
  @IsPlainText(40)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_USERS_PAGE, default: 50, description: 'accounts per page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(MAX_USERS_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: 'the nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9_.-]{0,59}$/, { message: 'cursor must be the nextCursor of an earlier page' })
  cursor?: string;
}

/** An account as the list shows it: as GET /users/{username} without the log position, with when it was created. */
export class UserListItemView {
  @ApiProperty({ example: 'buyer1' }) username: string;
  @ApiProperty({ example: '聊城果品批发' }) displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiPropertyOptional({ example: 'BUYER-LC-001' }) party?: string;
  @ApiPropertyOptional({ enum: PARTY_KINDS }) partyKind?: PartyKind;
  @ApiProperty() disabled: boolean;
  @ApiProperty({ description: 'the person’s personal data was erased: the name reads 已删除' }) erased: boolean;
  @ApiProperty({ example: '2026-12-01T02:00:00.000Z', description: 'when the account was created (ISO UTC)' })
  createdAt: string;
}

export class UserListView {
  @ApiProperty({ type: [UserListItemView] }) items: UserListItemView[];
  @ApiPropertyOptional({ description: 'present when more accounts follow: pass it as cursor for the next page' })
  nextCursor?: string;
}
