import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ProblemException } from '../errors/problem';
import { USER_DIRECTORY, type UserDirectory } from './auth.types';
import { Public } from './decorators';
import { hashPassword, verifyPassword } from './password';
import { LoginThrottle } from './login-throttle';
import { TokenService } from './token.service';
import { LoginResponse, Sessions } from './sessions';

/** Credentials of `POST /auth/login`. */
export class LoginRequest {
  @ApiProperty({ example: 'consumer1', description: 'The username, or the mobile number a consumer signed up with' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  username: string;

  @ApiProperty({ example: 'demo-password' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

/** A refresh token of `POST /auth/refresh`. */
export class RefreshRequest {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  refreshToken: string;
}

const BAD_CREDENTIALS = 'Unknown username or wrong password.';

/** `POST /auth/login`: exchanges a username and password for a bearer token. */
@ApiTags('auth')
@Controller('auth')
export class LoginController {
  /**
   * Hash verified when the username is unknown, so that an unknown user costs the same scrypt work
   * as a wrong password and response times do not reveal which usernames exist.
   */
  private readonly decoyHash: Promise<string>;

  constructor(
    @Inject(USER_DIRECTORY) private readonly users: UserDirectory,
    private readonly sessions: Sessions,
    private readonly throttle: LoginThrottle,
    private readonly tokens: TokenService,
  ) {
    this.decoyHash = hashPassword(randomUUID());
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with a username (or a consumer’s mobile number) and password',
    description:
      'Repeated failures for one name or from one client are refused for a while (429 TOO_MANY_ATTEMPTS with ' +
      'Retry-After). Unknown names, wrong passwords and disabled accounts get the same 401, in about the same time.',
  })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'UNAUTHORIZED: unknown username, wrong password or disabled account' })
  @ApiTooManyRequestsResponse({
    description: 'TOO_MANY_ATTEMPTS: too many failures; Retry-After says when to try again',
  })
  async login(@Body() body: LoginRequest, @Req() request: FastifyRequest): Promise<LoginResponse> {
    this.throttle.check(body.username, request.ip);
    const user = await this.users.findByLogin(body.username);
    const valid = await verifyPassword(body.password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !valid || user.disabled === true) {
      this.throttle.failed(body.username, request.ip);
      throw new ProblemException(401, 'UNAUTHORIZED', BAD_CREDENTIALS);
    }
    this.throttle.succeeded(body.username, request.ip);
    return this.sessions.start(user);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for new tokens',
    description:
      'Keeps a session going through a shift without asking for the password again: a new access token and a new ' +
      'refresh token. Refused once the session has ended (sign-out, the account disabled, new roles, a password reset).',
  })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({
    description: 'UNAUTHORIZED: the refresh token is invalid, expired or its session has ended',
  })
  async refresh(@Body() body: RefreshRequest): Promise<LoginResponse> {
    const claims = this.tokens.verifyRefresh(body.refreshToken);
    const user = claims ? await this.users.findByUsername(claims.username) : null;
    if (!claims || !user || user.disabled === true || (user.sessionEpoch ?? 0) !== claims.epoch) {
      throw new ProblemException(401, 'UNAUTHORIZED', 'The session has ended; sign in again.', {
        headers: { 'WWW-Authenticate': 'Bearer' },
      });
    }
    return this.sessions.start(user);
  }
}
