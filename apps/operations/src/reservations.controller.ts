import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { commandContextOf, StockCommands } from '@gx/application';
import { Ctx, Roles, type RequestContext } from '@gx/platform';
import { AllocateDto, IssueDto, ReleaseDto, ReservationDto } from './stock.dto';

/**
 * Manual holds on stock (a phone order, goods set aside): reserve, allocate first-expiry-first,
 * issue, release. The channels hold stock the same way through their own flows.
 */
@ApiTags('reservations')
@ApiBearerAuth()
@Roles('operator')
@Controller('reservations')
export class ReservationsController {
  constructor(private readonly commands: StockCommands) {}

  @Post()
  @HttpCode(201)
  async reserve(@Body() body: ReservationDto, @Ctx() ctx: RequestContext) {
    const { sku, warehouse, ...rest } = body;
    const out = await this.commands.reserve({ sku, warehouse }, rest, commandContextOf(ctx, 'reserve'));
    return { ...body, position: out.position };
  }

  @Post('release')
  @HttpCode(200)
  async release(@Body() body: ReleaseDto, @Ctx() ctx: RequestContext) {
    const { sku, warehouse, ...rest } = body;
    const out = await this.commands.release({ sku, warehouse }, rest, commandContextOf(ctx, 'release'));
    return { ...body, released: out.events, position: out.position };
  }

  @Post('allocate')
  @HttpCode(200)
  async allocate(@Body() body: AllocateDto, @Ctx() ctx: RequestContext) {
    const { sku, warehouse, ...rest } = body;
    const out = await this.commands.allocate({ sku, warehouse }, rest, commandContextOf(ctx, 'allocate'));
    const allocated = out.events.find((e) => e.type === 'StockAllocated');
    return { ...body, picks: allocated?.type === 'StockAllocated' ? allocated.data.picks : [], position: out.position };
  }

  @Post('issue')
  @HttpCode(200)
  async issue(@Body() body: IssueDto, @Ctx() ctx: RequestContext) {
    const { sku, warehouse, ...rest } = body;
    const out = await this.commands.issue({ sku, warehouse }, rest, commandContextOf(ctx, 'issue'));
    const issued = out.events.find((e) => e.type === 'StockIssued');
    return { ...body, picks: issued?.type === 'StockIssued' ? issued.data.picks : [], position: out.position };
  }
}
