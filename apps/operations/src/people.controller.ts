import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsPlainText } from '@gx/application';
import { Ctx, Roles, type RequestContext } from '@gx/platform';
import { UserView } from './users.dto';
import { PeopleEraseCommand } from './people.commands';

/** Why a person is erased: kept in the audit event (write no personal data into it). */
export class ErasureRequest {
  @ApiProperty({
    example: '本人申请删除个人信息（工单 2026-1201-07）',
    description:
      'Why: the request it fulfils. Kept in the log as the audit record, so it must not contain the person’s name or number.',
  })
  @IsPlainText(200)
  reason: string;
}

/** Erasure of a person's personal data on request (个人信息保护法). */
@ApiTags('people')
@ApiBearerAuth()
@Roles('operator')
@Controller('people')
export class PeopleController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':username/erasure')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Erase a person’s personal data',
    description:
      'Appends the audited PersonalDataErased event (operator, time, reason), then destroys the person’s key: their name, mobile ' +
      'number and password hash, sealed with it in every event, read 已删除 everywhere from now on, also after a rebuild. ' +
      'The account is disabled for good and its sessions end; orders, amounts and stock movements stay as they were. ' +
      'Erasing again changes nothing and answers the same.',
  })
  @ApiParam({
    name: 'username',
    description: 'The account’s username (a consumer’s generated c-… name, see GET /users/{username})',
  })
  @ApiOkResponse({
    type: UserView,
    description: 'The account after erasure: displayName 已删除, erased and disabled true',
  })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: the reason is missing or not plain text' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such account' })
  erase(
    @Param('username') username: string,
    @Body() body: ErasureRequest,
    @Ctx() ctx: RequestContext,
  ): Promise<UserView> {
    return this.commandBus.execute(new PeopleEraseCommand(username, body, ctx));
  }
}
