import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { KITCHEN_KINDS, ROLES, type KitchenKind, type Role } from '@gx/domain';
import {
  IsNestedObject,
  IsPlainText,
  MAX_PASSWORD,
  MIN_PASSWORD,
  USERNAME_PATTERN,
  USERNAME_RULE,
} from '@gx/application';
import { CODE_PATTERN, CoordinatesDto, HOURS_MESSAGE, HOURS_PATTERN } from './catalog.dto';

/** A mobile number (11 digits starting with 1) or a landline with its area code (0635-8888888). */
const PHONE_PATTERN = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
const PHONE_MESSAGE = 'phone must be a mobile number (11 digits) or a landline with its area code, e.g. 0635-8221234';
const KIND_DESCRIPTION = 'school 农校, restaurant 农餐, enterprise 农企, hospital 医院';

export class KitchenContactDto {
  @ApiProperty({ example: '李建国' }) @IsPlainText(40) name: string;
  @ApiProperty({ example: '0635-8221234' }) @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE }) phone: string;
}

export class CreateKitchenDto {
  @ApiProperty({ example: 'KITCHEN-LC-02' })
  @Matches(CODE_PATTERN, { message: 'code must be 2-40 upper-case letters, digits or dashes' })
  code: string;
  @ApiProperty({ example: '聊城二中食堂' }) @IsPlainText(100) name: string;
  @ApiProperty({ enum: KITCHEN_KINDS, description: KIND_DESCRIPTION }) @IsIn(KITCHEN_KINDS) kind: KitchenKind;
  @ApiProperty({ example: '山东省聊城市东昌府区建设路88号' }) @IsPlainText(200) address: string;
  @ApiProperty({ type: KitchenContactDto }) @IsNestedObject(() => KitchenContactDto) contact: KitchenContactDto;
}

/** The fields to change; the code stays. */
export class UpdateKitchenDto {
  @ApiPropertyOptional({ example: '聊城二中食堂' }) @IsOptional() @IsPlainText(100) name?: string;
  @ApiPropertyOptional({ enum: KITCHEN_KINDS, description: KIND_DESCRIPTION })
  @IsOptional()
  @IsIn(KITCHEN_KINDS)
  kind?: KitchenKind;
  @ApiPropertyOptional({ example: '山东省聊城市东昌府区建设路88号' }) @IsOptional() @IsPlainText(200) address?: string;
  @ApiPropertyOptional({ type: KitchenContactDto })
  @IsNestedObject(() => KitchenContactDto, { optional: true })
  contact?: KitchenContactDto;
}

/** The fields of a pickup point to change; its code and warehouse stay. */
export class UpdatePickupPointDto extends CoordinatesDto {
  @ApiPropertyOptional({ example: '道口铺社区自提点' }) @IsOptional() @IsPlainText(100) name?: string;
  @ApiPropertyOptional({ example: '08:00-20:00' })
  @IsOptional()
  @Matches(HOURS_PATTERN, { message: HOURS_MESSAGE })
  hours?: string;
  @ApiPropertyOptional({ example: '山东省聊城市东昌府区道口铺街道幸福路12号' })
  @IsOptional()
  @IsPlainText(200)
  address?: string;
}

/** A leader account for a pickup point, with the initial password handed to the person. */
export class CreateLeaderDto {
  @ApiProperty({ example: 'leader2', description: USERNAME_RULE })
  @Matches(USERNAME_PATTERN, { message: `username must be ${USERNAME_RULE}` })
  username: string;

  @ApiProperty({ example: '团长 王桂兰' }) @IsPlainText(40) displayName: string;

  @ApiProperty({
    minLength: MIN_PASSWORD,
    maxLength: MAX_PASSWORD,
    description: 'Initial password; the leader changes it with PUT /me/password',
  })
  @IsString()
  @MinLength(MIN_PASSWORD)
  @MaxLength(MAX_PASSWORD)
  password: string;
}

export class KitchenContactView {
  @ApiProperty() name: string;
  @ApiProperty() phone: string;
}

export class KitchenView {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: KITCHEN_KINDS, description: KIND_DESCRIPTION }) kind: KitchenKind;
  @ApiProperty() address: string;
  @ApiProperty({ type: KitchenContactView }) contact: KitchenContactView;
  @ApiPropertyOptional() registeredAt?: string;
  @ApiPropertyOptional({ description: 'when it was last edited' }) updatedAt?: string;
}

export class KitchenSavedView extends KitchenView {
  @ApiProperty({ description: 'Log position of the change (for ?after= on read models)' }) position: string;
}

export class KitchenListView {
  @ApiProperty({ type: [KitchenView] }) items: KitchenView[];
}

export class PickupPointLeaderView {
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty() pickupPoint: string;
  @ApiProperty({ description: 'A disabled leader cannot sign in' }) disabled: boolean;
  @ApiProperty({ description: 'When the account became a leader of this point' }) since: string;
}

export class PickupPointLeaderListView {
  @ApiProperty({ type: [PickupPointLeaderView] }) items: PickupPointLeaderView[];
}

/** The leader account just created. */
export class LeaderCreatedView {
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ description: 'The pickup point code' }) party: string;
  @ApiProperty() disabled: boolean;
  @ApiProperty({ description: 'Log position of the change (for ?after= on read models)' }) position: string;
}
