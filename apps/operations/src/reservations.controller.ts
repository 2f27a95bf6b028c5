import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import { HoldMovedView } from './operations.views';
import { AllocateDto, IssueDto, ReleaseDto, ReservationDto } from './stock.dto';
import {
  ReservationsReserveCommand,
  ReservationsReleaseCommand,
  ReservationsAllocateCommand,
  ReservationsIssueCommand,
} from './reservations.commands';

/**
 * Manual holds on stock (a phone order, goods set aside): reserve, allocate first-expiry-first,
 * issue, release. The channels hold stock the same way through their own flows, and only those flows
 * move their holds (409 HOLD_OWNED_BY_CHANNEL here).
 */
@ApiTags('reservations')
@ApiBearerAuth()
@Roles('operator')
@Controller('reservations')
export class ReservationsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOp({
    summary: 'Reserve stock for a manual hold',
    description: '`quantityBase` base units of free, sellable stock for a holder of kind order or other.',
    answer: HoldMovedView,
    status: 201,
    errors: ['INSUFFICIENT_STOCK', 'INVALID_STATE'],
  })
  reserve(@Body() body: ReservationDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new ReservationsReserveCommand(body, ctx));
  }

  @Post('release')
  @HttpCode(200)
  @ApiOp({
    summary: 'Release a manual hold',
    description:
      'Unallocated base units (all when `quantityBase` is absent). A channel’s hold (campaign, lot, delivery) moves only through its channel.',
    answer: HoldMovedView,
    errors: ['HOLD_OWNED_BY_CHANNEL', 'INVALID_STATE', 'INSUFFICIENT_STOCK'],
  })
  release(@Body() body: ReleaseDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new ReservationsReleaseCommand(body, ctx));
  }

  @Post('allocate')
  @HttpCode(200)
  @ApiOp({
    summary: 'Allocate a manual hold',
    description: 'To batches, first expiry first (default: all of the reservation).',
    answer: HoldMovedView,
    errors: ['HOLD_OWNED_BY_CHANNEL', 'INVALID_STATE', 'INSUFFICIENT_STOCK', 'BATCH_NOT_SELLABLE'],
  })
  allocate(@Body() body: AllocateDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new ReservationsAllocateCommand(body, ctx));
  }

  @Post('issue')
  @HttpCode(200)
  @ApiOp({
    summary: 'Issue a manual hold',
    description: 'What the hold has allocated leaves the warehouse.',
    answer: HoldMovedView,
    errors: ['HOLD_OWNED_BY_CHANNEL', 'INVALID_STATE'],
  })
  issue(@Body() body: IssueDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new ReservationsIssueCommand(body, ctx));
  }
}
