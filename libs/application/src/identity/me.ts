import { Body, Controller, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, ApiTooManyRequestsResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { buyerDecider, buyerStream, kitchenDecider, kitchenStream, pickupPointDecider, pickupPointStream, ROLES, type Role } from '@gx/domain';
import { CommandRunner } from '@gx/eventstore';
import { commandContextOf } from '../kernel/command-context';
import { Accounts } from './identity';
import { MAX_PASSWORD, MIN_PASSWORD } from './usernames';
import { ApiErrors, Ctx, LoginThrottle, ProblemException, type RequestContext } from '@gx/platform';

/** A party a user acts for: the pickup point a leader runs, a purchaser's kitchen, a buyer account. */
export class MeParty {
  @ApiProperty({ enum: ['pickupPoint', 'kitchen', 'buyer'] })
  kind: 'pickupPoint' | 'kitchen' | 'buyer';

  @ApiProperty({ description: 'Code of the party: pickup point code, kitchen code, buyer id' })
  id: string;

  @ApiPropertyOptional({ description: 'Name of the party (absent only when the party is not registered: accounts made before parties were checked)' })
  name?: string;

  @ApiPropertyOptional({ description: 'Opening hours of a pickup point (Asia/Shanghai), e.g. 08:00-20:00' })
  hours?: string;

  @ApiPropertyOptional({ description: 'Address of a pickup point or a kitchen' })
  address?: string;

  @ApiPropertyOptional({ description: 'Latitude of a pickup point (WGS-84 degrees)' })
  lat?: number;

  @ApiPropertyOptional({ description: 'Longitude of a pickup point (WGS-84 degrees)' })
  lng?: number;

  @ApiPropertyOptional({ enum: ['school', 'restaurant', 'enterprise', 'hospital'], description: 'Kind of a kitchen: school 农校, restaurant 农餐, enterprise 农企, hospital 医院' })
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
    private readonly runner: CommandRunner,
    private readonly accounts: Accounts,
    private readonly throttle: LoginThrottle,
  ) {}

  @Get('me')
  @ApiOperation({ summary: 'Who I am', description: 'The signed-in user: username, display name, roles and the parties they act for, with their names.' })
  @ApiOkResponse({ type: MeResponse })
  @ApiErrors('NOT_FOUND')
  async me(@Ctx() ctx: RequestContext): Promise<MeResponse> {
    // The guard lets only verified tokens through, so a user is always present here.
    const username = ctx.user?.username ?? '';
    const account = await this.accounts.profile(username);
    if (!account) throw new ProblemException(404, 'NOT_FOUND', `user ${username} does not exist`);
    const { displayName, roles, party } = account;
    return { username, displayName, roles, parties: party === undefined ? [] : [await this.partyOf(roles, party, displayName)] };
  }

  @Put('me/password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change the signed-in user’s password', description: 'Needs the current password; the session stays signed in.' })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: a new password shorter than 8 characters' })
  @ApiUnprocessableEntityResponse({ description: 'WRONG_PASSWORD: the current password does not match (field currentPassword)' })
  @ApiTooManyRequestsResponse({ description: 'TOO_MANY_ATTEMPTS: too many wrong current passwords, counted with failed logins' })
  async changePassword(@Body() body: ChangePasswordRequest, @Ctx() ctx: RequestContext, @Req() request: FastifyRequest): Promise<void> {
    const username = ctx.user?.username ?? '';
    // Guessing the current password with a stolen token is guessing a login: the same throttle counts it.
    this.throttle.check(username, request.ip);
    const out = await this.accounts.changePassword(username, body.currentPassword, body.newPassword, commandContextOf(ctx, 'change-password'));
    if (out === null) {
      this.throttle.failed(username, request.ip);
      throw new ProblemException(422, 'WRONG_PASSWORD', 'The current password does not match.', {
        errors: [{ field: 'currentPassword', message: 'does not match' }],
      });
    }
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiTags('auth')
  @ApiOperation({
    summary: 'Sign out',
    description: 'Ends every session of the signed-in user at once, on every device: their access and refresh tokens are refused from now on.',
  })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(@Ctx() ctx: RequestContext): Promise<void> {
    await this.accounts.execute(ctx.user?.username ?? '', { type: 'EndSessions' }, commandContextOf(ctx, 'logout'));
  }

  /** The party with its names, read from its own stream (so a party registered or edited a moment ago shows as it is). */
  private async partyOf(roles: Role[], id: string, displayName: string): Promise<MeParty> {
    if (roles.includes('leader')) {
      const { state } = await this.runner.load(pickupPointDecider, pickupPointStream(id));
      if (!state.exists) return { kind: 'pickupPoint', id };
      const { name, hours, warehouse, address, lat, lng } = state.data;
      return { kind: 'pickupPoint', id, name, hours, warehouse, ...(address !== undefined && { address }), ...(lat !== undefined && lng !== undefined && { lat, lng }) };
    }
    if (roles.includes('buyer')) {
      // Buyers approved before their registration was recorded are named by their users' display name.
      const { state } = await this.runner.load(buyerDecider, buyerStream(id));
      return { kind: 'buyer', id, name: state.name !== undefined ? await this.accounts.openText(state.name) : displayName };
    }
    const { state } = await this.runner.load(kitchenDecider, kitchenStream(id));
    return state.exists ? { kind: 'kitchen', id, name: state.data.name, address: state.data.address, kitchenKind: state.data.kind } : { kind: 'kitchen', id };
  }
}
