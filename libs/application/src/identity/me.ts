import { Body, Controller, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import { IsString, MaxLength, MinLength } from 'class-validator';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ROLES, type Role } from '@gx/domain';
import { MAX_PASSWORD, MIN_PASSWORD } from './usernames';
import { ApiErrors, Ctx, type RequestContext } from '@gx/platform';
import { MeChangePasswordCommand, MeLogoutCommand } from './me.commands';
import { MeGetQuery } from './me.queries';

/** A party a user acts for: the pickup point a leader runs, a purchaser's kitchen, a buyer account. */
export class MeParty {
  @ApiProperty({ enum: ['pickupPoint', 'kitchen', 'buyer'] })
  kind: 'pickupPoint' | 'kitchen' | 'buyer';

  @ApiProperty({ description: 'Code of the party: pickup point code, kitchen code, buyer id' })
  id: string;

  @ApiPropertyOptional({
    description:
      'Name of the party (absent only when the party is not registered: accounts made before parties were checked)',
  })
  name?: string;

  @ApiPropertyOptional({ description: 'Opening hours of a pickup point (Asia/Shanghai), e.g. 08:00-20:00' })
  hours?: string;

  @ApiPropertyOptional({ description: 'Address of a pickup point or a kitchen' })
  address?: string;

  @ApiPropertyOptional({ description: 'Latitude of a pickup point (WGS-84 degrees)' })
  lat?: number;

  @ApiPropertyOptional({ description: 'Longitude of a pickup point (WGS-84 degrees)' })
  lng?: number;

  @ApiPropertyOptional({
    enum: ['school', 'restaurant', 'enterprise', 'hospital'],
    description: 'Kind of a kitchen: school 农校, restaurant 农餐, enterprise 农企, hospital 医院',
  })
  kitchenKind?: string;

  @ApiPropertyOptional({ description: 'Warehouse holding a pickup point’s goods' })
  warehouse?: string;
}

/** The signed-in user: who they are and whom they act for. */
export class MeResponse {
  @ApiProperty()
  username: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  roles: Role[];

  @ApiProperty({ type: [MeParty] })
  parties: MeParty[];
}

/** The signed-in user's new password, with the current one. */
export class ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_PASSWORD)
  currentPassword: string;

  @ApiProperty({ minLength: MIN_PASSWORD, maxLength: MAX_PASSWORD })
  @IsString()
  @MinLength(MIN_PASSWORD)
  @MaxLength(MAX_PASSWORD)
  newPassword: string;
}

/** `GET /me` in every app with people (all but the worker), read from the write side so a new account sees itself at once. */
@ApiTags('me')
@ApiBearerAuth()
@Controller()
export class MeController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Get('me')
  @ApiOperation({
    summary: 'Who I am',
    description: 'The signed-in user: username, display name, roles and the parties they act for, with their names.',
  })
  @ApiOkResponse({ type: MeResponse })
  @ApiErrors('NOT_FOUND')
  me(@Ctx() ctx: RequestContext): Promise<MeResponse> {
    return this.queryBus.execute(new MeGetQuery(ctx));
  }

  @Put('me/password')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change the signed-in user’s password',
    description: 'Needs the current password; the session stays signed in.',
  })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: a new password shorter than 8 characters' })
  @ApiUnprocessableEntityResponse({
    description: 'WRONG_PASSWORD: the current password does not match (field currentPassword)',
  })
  @ApiTooManyRequestsResponse({
    description: 'TOO_MANY_ATTEMPTS: too many wrong current passwords, counted with failed logins',
  })
  changePassword(
    @Body() body: ChangePasswordRequest,
    @Ctx() ctx: RequestContext,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.commandBus.execute(new MeChangePasswordCommand(body, ctx, request));
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiTags('auth')
  @ApiOperation({
    summary: 'Sign out',
    description:
      'Ends every session of the signed-in user at once, on every device: their access and refresh tokens are refused from now on.',
  })
  @ApiNoContentResponse({ description: 'Signed out' })
  logout(@Ctx() ctx: RequestContext): Promise<void> {
    return this.commandBus.execute(new MeLogoutCommand(ctx));
  }
}
