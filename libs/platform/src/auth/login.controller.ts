import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ProblemException } from '../errors/problem';
import { ROLES, USER_DIRECTORY, type Role, type UserDirectory } from './auth.types';
import { Public } from './decorators';
import { hashPassword, verifyPassword } from './password';
import { TokenService } from './token.service';

/** Credentials of `POST /auth/login`. */
export class LoginRequest {
  @ApiProperty({ example: 'consumer1' })
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

/** Answer of a successful login. */
export class LoginResponse {
  @ApiProperty()
  accessToken: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Lifetime of the token in seconds' })
  expiresIn: number;

  @ApiProperty({ enum: ROLES, isArray: true })
  roles: Role[];
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
    private readonly tokens: TokenService,
  ) {
    this.decoyHash = hashPassword(randomUUID());
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Unknown username or wrong password (problem+json, code UNAUTHORIZED)' })
  async login(@Body() body: LoginRequest): Promise<LoginResponse> {
    const user = await this.users.findByUsername(body.username);
    const valid = await verifyPassword(body.password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !valid) throw new ProblemException(401, 'UNAUTHORIZED', BAD_CREDENTIALS);
    const { accessToken, expiresIn } = this.tokens.issue({
      username: user.username,
      roles: user.roles,
      ...(user.party !== undefined && { party: user.party }),
    });
    return { accessToken, tokenType: 'Bearer', expiresIn, roles: user.roles };
  }
}
