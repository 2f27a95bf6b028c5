import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { KITCHEN_KINDS, type KitchenKind } from '@gx/domain';
import { AfterQueryDto } from '@gx/application';
import { ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import { PickupPointCreatedView, PickupPointView } from './operations.views';
import { ErasureRequest } from './people.controller';
import {
  CreateKitchenDto,
  CreateLeaderDto,
  KitchenListView,
  KitchenSavedView,
  KitchenView,
  LeaderCreatedView,
  PickupPointLeaderListView,
  UpdateKitchenDto,
  UpdatePickupPointDto,
} from './parties.dto';
import {
  PartiesCreateKitchenCommand,
  PartiesUpdateKitchenCommand,
  PartiesEraseKitchenContactCommand,
  PartiesUpdatePickupPointCommand,
  PartiesCreateLeaderCommand,
} from './parties.commands';
import {
  PartiesListKitchensQuery,
  PartiesGetKitchenQuery,
  PartiesGetPickupPointQuery,
  PartiesListLeadersQuery,
} from './parties.queries';

export class KitchenListQueryDto extends AfterQueryDto {
  @ApiPropertyOptional({ enum: KITCHEN_KINDS, description: 'only kitchens of this kind' })
  @IsOptional()
  @IsIn(KITCHEN_KINDS)
  kind?: KitchenKind;
}

const KITCHEN_PARAM = { code: 'kitchen code' };

const POINT_PARAM = { code: 'pickup point code' };

/** Parties as master data (operators only): kitchens, pickup point edits, and each pickup point's group leaders. */
@ApiTags('parties')
@ApiBearerAuth()
@Roles('operator')
@Controller()
export class PartiesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post('kitchens')
  @HttpCode(201)
  @ApiOp({
    summary: 'Register a kitchen',
    description:
      'A kitchen (食堂) the central kitchen supplies: once under its code (ALREADY_EXISTS after). Contracts and purchasers name it by its code.',
    answer: KitchenSavedView,
    status: 201,
    errors: ['ALREADY_EXISTS'],
  })
  createKitchen(@Body() body: CreateKitchenDto, @Ctx() ctx: RequestContext): Promise<KitchenSavedView> {
    return this.commandBus.execute(new PartiesCreateKitchenCommand(body, ctx));
  }

  @Get('kitchens')
  @ApiOp({ summary: 'List kitchens', answer: KitchenListView })
  listKitchens(@Query() query: KitchenListQueryDto): Promise<KitchenListView> {
    return this.queryBus.execute(new PartiesListKitchensQuery(query));
  }

  @Get('kitchens/:code')
  @ApiOp({ summary: 'One kitchen', answer: KitchenView, params: KITCHEN_PARAM, errors: ['NOT_FOUND'] })
  getKitchen(@Param('code') code: string, @Query() query: AfterQueryDto): Promise<KitchenView> {
    return this.queryBus.execute(new PartiesGetKitchenQuery(code, query));
  }

  @Patch('kitchens/:code')
  @ApiOp({
    summary: 'Edit a kitchen',
    description:
      'Changes the fields given (name, kind, address, contact); the code stays. An edit that changes nothing appends nothing.',
    answer: KitchenSavedView,
    params: KITCHEN_PARAM,
    errors: ['NOT_FOUND'],
  })
  updateKitchen(
    @Param('code') code: string,
    @Body() body: UpdateKitchenDto,
    @Ctx() ctx: RequestContext,
  ): Promise<KitchenSavedView> {
    return this.commandBus.execute(new PartiesUpdateKitchenCommand(code, body, ctx));
  }

  @Post('kitchens/:code/contact/erasure')
  @HttpCode(200)
  @ApiOp({
    summary: 'Erase the kitchen’s contact person’s data',
    description:
      'On the contact person’s request (个人信息保护法): appends the audited PersonalDataErased event (operator, time, reason) to the ' +
      'kitchen’s stream, then destroys the key of its contact persons: their names and phones read 已删除 everywhere, also after a ' +
      'rebuild. The kitchen and its business stay; a new contact set afterwards gets a fresh key. Erasing again changes nothing.',
    answer: KitchenSavedView,
    params: KITCHEN_PARAM,
    errors: ['NOT_FOUND'],
  })
  eraseKitchenContact(
    @Param('code') code: string,
    @Body() body: ErasureRequest,
    @Ctx() ctx: RequestContext,
  ): Promise<KitchenSavedView> {
    return this.commandBus.execute(new PartiesEraseKitchenContactCommand(code, body, ctx));
  }

  @Get('pickup-points/:code')
  @ApiOp({ summary: 'One pickup point', answer: PickupPointView, params: POINT_PARAM, errors: ['NOT_FOUND'] })
  getPickupPoint(@Param('code') code: string, @Query() query: AfterQueryDto): Promise<PickupPointView> {
    return this.queryBus.execute(new PartiesGetPickupPointQuery(code, query));
  }

  @Patch('pickup-points/:code')
  @ApiOp({
    summary: 'Edit a pickup point',
    description:
      'Changes the fields given (name, opening hours, address, coordinates — lat and lng together); its code and warehouse stay.',
    answer: PickupPointCreatedView,
    params: POINT_PARAM,
    errors: ['NOT_FOUND'],
  })
  updatePickupPoint(
    @Param('code') code: string,
    @Body() body: UpdatePickupPointDto,
    @Ctx() ctx: RequestContext,
  ): Promise<PickupPointCreatedView> {
    return this.commandBus.execute(new PartiesUpdatePickupPointCommand(code, body, ctx));
  }

  @Get('pickup-points/:code/leaders')
  @ApiOp({
    summary: 'A pickup point’s group leaders',
    description: 'The accounts with the leader role acting for this point, disabled ones flagged.',
    answer: PickupPointLeaderListView,
    params: POINT_PARAM,
    errors: ['NOT_FOUND'],
  })
  listLeaders(@Param('code') code: string, @Query() query: AfterQueryDto): Promise<PickupPointLeaderListView> {
    return this.queryBus.execute(new PartiesListLeadersQuery(code, query));
  }

  @Post('pickup-points/:code/leaders')
  @HttpCode(201)
  @ApiOp({
    summary: 'Create a group leader for a pickup point',
    description:
      'An account with the leader role acting for this point (as POST /users with roles [leader] and the point as party), with an initial password the leader changes.',
    answer: LeaderCreatedView,
    status: 201,
    params: POINT_PARAM,
    errors: ['NOT_FOUND', 'ALREADY_EXISTS'],
  })
  createLeader(
    @Param('code') code: string,
    @Body() body: CreateLeaderDto,
    @Ctx() ctx: RequestContext,
  ): Promise<LeaderCreatedView> {
    return this.commandBus.execute(new PartiesCreateLeaderCommand(code, body, ctx));
  }
}
