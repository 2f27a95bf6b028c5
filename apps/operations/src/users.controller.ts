import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiErrors, ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import {
  AssignRolesDto,
  CreateUserDto,
  DisableUserDto,
  ResetPasswordDto,
  UserListQueryDto,
  UserListView,
  UserView,
} from './users.dto';
import {
  UsersCreateCommand,
  UsersAssignRolesCommand,
  UsersDisableCommand,
  UsersEnableCommand,
  UsersResetPasswordCommand,
} from './users.commands';
import { UsersListQuery, UsersGetQuery } from './users.queries';

const USERNAME = { username: 'The account’s username' };
const UNKNOWN_PARTY = 'UNKNOWN_PARTY: the party does not exist';

/** Operators manage accounts (用户管理). */
@ApiTags('users')
@ApiBearerAuth()
@Roles('operator')
@Controller('users')
export class UsersController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Get()
  @ApiOp({
    summary: 'Accounts, by username, a page at a time',
    description:
      'Filters combine: `role`, the party (`partyKind`, and `party` with it), `status` (active or disabled) and `q`, a prefix of the username ' +
      'or of the display name. At most `limit` (default 50, at most 200) per page; `nextCursor`, when present, asks for the next page. ' +
      'No password hash, mobile number or session detail is listed. Read from the `users` projection (`?after=` waits for it).',
    answer: UserListView,
  })
  list(@Query() query: UserListQueryDto): Promise<UserListView> {
    return this.queryBus.execute(new UsersListQuery(query));
  }

  @Post()
  @HttpCode(201)
  @ApiOp({
    summary: 'Create an account',
    description:
      'Leaders, purchasers and buyers need the party they act for (a leader’s pickup point must exist: UNKNOWN_PARTY); consumers and operators have none ' +
      '(400 naming party). With a mobile number the person may also sign in with it; one account per number (MOBILE_TAKEN).',
    answer: UserView,
    status: 201,
    errors: ['ALREADY_EXISTS', 'MOBILE_TAKEN'],
  })
  @ApiUnprocessableEntityResponse({ description: UNKNOWN_PARTY })
  create(@Body() body: CreateUserDto, @Ctx() ctx: RequestContext): Promise<UserView> {
    return this.commandBus.execute(new UsersCreateCommand(body, ctx));
  }

  @Get(':username')
  @ApiOp({
    summary: 'One account: name, roles, party, whether it is disabled',
    description: 'Read from the log, so a change shows at once.',
    answer: UserView,
    params: USERNAME,
    errors: ['NOT_FOUND'],
  })
  get(@Param('username') username: string): Promise<UserView> {
    return this.queryBus.execute(new UsersGetQuery(username));
  }

  @Put(':username/roles')
  @ApiOp({
    summary: 'Assign roles (and the party)',
    description: 'The account’s tokens issued before stop working; the person signs in again.',
    answer: UserView,
    params: USERNAME,
    errors: ['NOT_FOUND', 'PERSON_ERASED'],
  })
  @ApiUnprocessableEntityResponse({ description: UNKNOWN_PARTY })
  assignRoles(
    @Param('username') username: string,
    @Body() body: AssignRolesDto,
    @Ctx() ctx: RequestContext,
  ): Promise<UserView> {
    return this.commandBus.execute(new UsersAssignRolesCommand(username, body, ctx));
  }

  @Post(':username/disable')
  @HttpCode(200)
  @ApiOp({
    summary: 'Disable an account',
    description: 'It cannot sign in, and its tokens are refused at once in every app process.',
    answer: UserView,
    params: USERNAME,
    errors: ['NOT_FOUND', 'PERSON_ERASED'],
  })
  disable(
    @Param('username') username: string,
    @Body() body: DisableUserDto,
    @Ctx() ctx: RequestContext,
  ): Promise<UserView> {
    return this.commandBus.execute(new UsersDisableCommand(username, body, ctx));
  }

  @Post(':username/enable')
  @HttpCode(200)
  @ApiOp({
    summary: 'Enable a disabled account again',
    description: 'Tokens from before it was disabled stay refused.',
    answer: UserView,
    params: USERNAME,
    errors: ['NOT_FOUND', 'PERSON_ERASED'],
  })
  enable(@Param('username') username: string, @Ctx() ctx: RequestContext): Promise<UserView> {
    return this.commandBus.execute(new UsersEnableCommand(username, ctx));
  }

  @Put(':username/password')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Reset a password',
    description: 'Sets the password an operator hands to the person; every session of the account ends.',
  })
  @ApiParam({ name: 'username', description: USERNAME.username })
  @ApiNoContentResponse({ description: 'Reset' })
  @ApiErrors('NOT_FOUND', 'PERSON_ERASED')
  resetPassword(
    @Param('username') username: string,
    @Body() body: ResetPasswordDto,
    @Ctx() ctx: RequestContext,
  ): Promise<void> {
    return this.commandBus.execute(new UsersResetPasswordCommand(username, body, ctx));
  }
}
