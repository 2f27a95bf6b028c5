import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Ctx, LoginResponse, Public, type RequestContext } from '@gx/platform';
import { IsPlainText } from '../http/input-rules';
import { MOBILE_PATTERN } from './identity';
import { MAX_PASSWORD, MIN_PASSWORD } from './usernames';
import { SignUpCommand } from './signup.commands';

/** A consumer's sign-up: mobile number, password and an optional display name. */
export class SignUpRequest {
  @ApiProperty({
    example: '13800138000',
    description: 'Mainland China mobile number, 11 digits (one account per number)',
  })
  @Matches(MOBILE_PATTERN, { message: 'mobile must be an 11-digit mainland China mobile number (13…–19…)' })
  mobile: string;

  @ApiProperty({ minLength: MIN_PASSWORD, maxLength: MAX_PASSWORD })
  @IsString()
  @MinLength(MIN_PASSWORD)
  @MaxLength(MAX_PASSWORD)
  password: string;

  @ApiPropertyOptional({
    example: '王芳',
    description: 'Name shown to the consumer and their group leader; default 用户 + the last 4 digits',
  })
  @IsOptional()
  @IsPlainText(40)
  displayName?: string;
}

/** `POST /auth/signup`: consumers create their own account in the storefront. */
@ApiTags('auth')
@Controller('auth')
export class SignUpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Public()
  @Post('signup')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Sign up as a consumer with a mobile number',
    description:
      'Creates a consumer account and signs it in: the answer is the same as `POST /auth/login`. Afterwards `/auth/login` ' +
      'accepts the mobile number as the username. One account per mobile number, also under concurrent sign-ups.',
  })
  @ApiCreatedResponse({ type: LoginResponse })
  @ApiBadRequestResponse({
    description: 'VALIDATION_FAILED: a bad mobile number, a password shorter than 8 characters, a bad display name',
  })
  @ApiConflictResponse({ description: 'MOBILE_TAKEN: the number already has an account' })
  signUp(@Body() body: SignUpRequest, @Ctx() ctx: RequestContext): Promise<LoginResponse> {
    return this.commandBus.execute(new SignUpCommand(body, ctx));
  }
}
