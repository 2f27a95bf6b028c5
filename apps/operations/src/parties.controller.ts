import { Body, Controller, Get, HttpCode, NotFoundException, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { KITCHEN_KINDS, type KitchenContact, type KitchenKind } from '@gx/domain';
import { AfterQueryDto, CATALOG, CatalogCommands, CatalogQueries, commandContextOf, openKitchenContact, PersonalDataVault, sealKitchenContact, UserAdmin, type PickupPointLeaderDoc } from '@gx/application';
import { ApiOp, Ctx, ProblemException, Roles, type RequestContext } from '@gx/platform';
import { PickupPointCreatedView, PickupPointView } from './operations.views';
import { ErasureRequest } from './people.controller';
import { CreateKitchenDto, CreateLeaderDto, KitchenListView, KitchenSavedView, KitchenView, LeaderCreatedView, PickupPointLeaderListView, UpdateKitchenDto, UpdatePickupPointDto } from './parties.dto';

/** Latitude and longitude come as a pair: one without the other is a bad request naming the missing one. */
export function requireCoordinatePair(body: { lat?: number; lng?: number }): void {
  if ((body.lat === undefined) === (body.lng === undefined)) return;
  const field = body.lat === undefined ? 'lat' : 'lng';
  throw new ProblemException(400, 'VALIDATION_FAILED', `${field} is required with ${field === 'lat' ? 'lng' : 'lat'}`, {
    errors: [{ field, message: 'latitude and longitude come together' }],
  });
}

class KitchenListQueryDto extends AfterQueryDto {
  @ApiPropertyOptional({ enum: KITCHEN_KINDS, description: 'only kitchens of this kind' })
  @IsOptional()
  @IsIn(KITCHEN_KINDS)
  kind?: KitchenKind;
}

const KITCHEN_PARAM = { code: 'kitchen code' };

/** A kitchen document as the read model keeps it: its contact still sealed. */
type KitchenDocOf<V> = Omit<V, 'contact'> & { contact: KitchenContact };
const POINT_PARAM = { code: 'pickup point code' };

/** Parties as master data (operators only): kitchens, pickup point edits, and each pickup point's group leaders. */
@ApiTags('parties')
@ApiBearerAuth()
@Roles('operator')
@Controller()
export class PartiesController {
  constructor(
    private readonly commands: CatalogCommands,
    private readonly queries: CatalogQueries,
    private readonly users: UserAdmin,
    private readonly vault: PersonalDataVault,
  ) {}

  @Post('kitchens')
  @HttpCode(201)
  @ApiOp({
    summary: 'Register a kitchen',
    description: 'A kitchen (食堂) the central kitchen supplies: once under its code (ALREADY_EXISTS after). Contracts and purchasers name it by its code.',
    answer: KitchenSavedView,
    status: 201,
    errors: ['ALREADY_EXISTS'],
  })
  async createKitchen(@Body() body: CreateKitchenDto, @Ctx() ctx: RequestContext): Promise<KitchenSavedView> {
    const contact = { name: body.contact.name, phone: body.contact.phone };
    const data = { code: body.code, name: body.name, kind: body.kind, address: body.address };
    // The contact person's name and phone are personal data: sealed in the event, answered in clear.
    const { position } = await this.commands.registerKitchen({ ...data, contact: await sealKitchenContact(this.vault, await this.commands.kitchenContactSubject(body.code), contact, ctx.now.toISOString()) }, commandContextOf(ctx, 'register-kitchen'));
    return { ...data, contact, position };
  }

  @Get('kitchens')
  @ApiOp({ summary: 'List kitchens', answer: KitchenListView })
  async listKitchens(@Query() query: KitchenListQueryDto): Promise<KitchenListView> {
    const docs = (await this.queries.list(CATALOG.kitchens, query.kind ? { kind: query.kind } : {}, query.after)) as unknown as KitchenDocOf<KitchenView>[];
    return { items: await Promise.all(docs.map((doc) => openKitchenContact(this.vault, doc))) };
  }

  @Get('kitchens/:code')
  @ApiOp({ summary: 'One kitchen', answer: KitchenView, params: KITCHEN_PARAM, errors: ['NOT_FOUND'] })
  async getKitchen(@Param('code') code: string, @Query() query: AfterQueryDto): Promise<KitchenView> {
    const kitchen = await this.queries.get(CATALOG.kitchens, code, query.after);
    if (!kitchen) throw new NotFoundException(`no kitchen ${code}`);
    return openKitchenContact(this.vault, kitchen as unknown as KitchenDocOf<KitchenView>);
  }

  @Patch('kitchens/:code')
  @ApiOp({
    summary: 'Edit a kitchen',
    description: 'Changes the fields given (name, kind, address, contact); the code stays. An edit that changes nothing appends nothing.',
    answer: KitchenSavedView,
    params: KITCHEN_PARAM,
    errors: ['NOT_FOUND'],
  })
  async updateKitchen(@Param('code') code: string, @Body() body: UpdateKitchenDto, @Ctx() ctx: RequestContext): Promise<KitchenSavedView> {
    const changes = {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.kind !== undefined && { kind: body.kind }),
      ...(body.address !== undefined && { address: body.address }),
    };
    if (body.contact !== undefined) {
      // A sealed value differs at every sealing: compare the contact in clear, so an edit changing nothing appends nothing.
      const current = await openKitchenContact(this.vault, await this.commands.kitchen(code, 'code', 'NOT_FOUND'));
      if (current.contact.name !== body.contact.name || current.contact.phone !== body.contact.phone) {
        const subject = await this.commands.kitchenContactSubject(code);
        Object.assign(changes, { contact: await sealKitchenContact(this.vault, subject, { name: body.contact.name, phone: body.contact.phone }, ctx.now.toISOString()) });
      }
    }
    const { data, position } = await this.commands.updateKitchen(code, changes, commandContextOf(ctx, `kitchen:${code}`));
    return { ...(await openKitchenContact(this.vault, data)), position };
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
  async eraseKitchenContact(@Param('code') code: string, @Body() body: ErasureRequest, @Ctx() ctx: RequestContext): Promise<KitchenSavedView> {
    const { subject, data, position } = await this.commands.eraseKitchenContact(code, body.reason, commandContextOf(ctx, `erase-contact:${code}`));
    // The audit event first, then the key: a failure between the two is completed by erasing again.
    await this.vault.erase(subject, ctx.now.toISOString());
    return { ...(await openKitchenContact(this.vault, data)), position };
  }

  @Get('pickup-points/:code')
  @ApiOp({ summary: 'One pickup point', answer: PickupPointView, params: POINT_PARAM, errors: ['NOT_FOUND'] })
  async getPickupPoint(@Param('code') code: string, @Query() query: AfterQueryDto): Promise<PickupPointView> {
    const point = await this.queries.get(CATALOG.pickupPoints, code, query.after);
    if (!point) throw new NotFoundException(`no pickup point ${code}`);
    return point as unknown as PickupPointView;
  }

  @Patch('pickup-points/:code')
  @ApiOp({
    summary: 'Edit a pickup point',
    description: 'Changes the fields given (name, opening hours, address, coordinates — lat and lng together); its code and warehouse stay.',
    answer: PickupPointCreatedView,
    params: POINT_PARAM,
    errors: ['NOT_FOUND'],
  })
  async updatePickupPoint(@Param('code') code: string, @Body() body: UpdatePickupPointDto, @Ctx() ctx: RequestContext): Promise<PickupPointCreatedView> {
    requireCoordinatePair(body);
    const changes = {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.hours !== undefined && { hours: body.hours }),
      ...(body.address !== undefined && { address: body.address }),
      ...(body.lat !== undefined && body.lng !== undefined && { lat: body.lat, lng: body.lng }),
    };
    const { data, position } = await this.commands.updatePickupPoint(code, changes, commandContextOf(ctx, `pickup-point:${code}`));
    return { ...data, position };
  }

  @Get('pickup-points/:code/leaders')
  @ApiOp({ summary: 'A pickup point’s group leaders', description: 'The accounts with the leader role acting for this point, disabled ones flagged.', answer: PickupPointLeaderListView, params: POINT_PARAM, errors: ['NOT_FOUND'] })
  async listLeaders(@Param('code') code: string, @Query() query: AfterQueryDto): Promise<PickupPointLeaderListView> {
    await this.commands.pickupPoint(code, 'code');
    const items = (await this.queries.list(CATALOG.pickupPointLeaders, { pickupPoint: code }, query.after)) as unknown as PickupPointLeaderDoc[];
    // Display names are personal data, sealed in the read model: opened here (an erased one reads 已删除).
    const names = await this.vault.openAll(items.map((leader) => leader.displayName));
    return { items: items.map((leader, i) => ({ ...leader, displayName: names[i] ?? leader.username })) as unknown as PickupPointLeaderListView['items'] };
  }

  @Post('pickup-points/:code/leaders')
  @HttpCode(201)
  @ApiOp({
    summary: 'Create a group leader for a pickup point',
    description: 'An account with the leader role acting for this point (as POST /users with roles [leader] and the point as party), with an initial password the leader changes.',
    answer: LeaderCreatedView,
    status: 201,
    params: POINT_PARAM,
    errors: ['NOT_FOUND', 'ALREADY_EXISTS'],
  })
  async createLeader(@Param('code') code: string, @Body() body: CreateLeaderDto, @Ctx() ctx: RequestContext): Promise<LeaderCreatedView> {
    await this.commands.pickupPoint(code, 'code');
    const user = await this.users.create({ ...body, roles: ['leader'], party: code }, commandContextOf(ctx, 'create-leader'));
    return { ...user, party: code };
  }
}
