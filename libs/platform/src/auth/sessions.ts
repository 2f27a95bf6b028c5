import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role, type UserRecord } from './auth.types';
import { TokenService } from './token.service';

/** Answer of a successful login or sign-up. */
export class LoginResponse {
  @ApiProperty()
  accessToken: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Lifetime of the access token in seconds' })
  expiresIn: number;

  @ApiProperty({ enum: ROLES, isArray: true })
  roles: Role[];

  @ApiProperty({
    description:
      'Exchanged at POST /auth/refresh for new tokens while the session lasts (sign-out, disabling, new roles or a password reset end it)',
  })
  refreshToken: string;

  @ApiProperty({ description: 'Lifetime of the refresh token in seconds (a shift: 14 hours)' })
  refreshExpiresIn: number;
}

/** Starts sessions: the one place a signed-in user's tokens are made (login, sign-up, refresh). */
@Injectable()
export class Sessions {
  constructor(private readonly tokens: TokenService) {}

  start(user: UserRecord): LoginResponse {
    const { accessToken, expiresIn } = this.tokens.issue({
      username: user.username,
      roles: user.roles,
      ...(user.party !== undefined && { party: user.party }),
      ...(user.sessionEpoch !== undefined && { epoch: user.sessionEpoch }),
    });
    const refresh = this.tokens.issueRefresh(user.username, user.sessionEpoch ?? 0);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn,
      roles: user.roles,
      refreshToken: refresh.accessToken,
      refreshExpiresIn: refresh.expiresIn,
    };
  }
}
