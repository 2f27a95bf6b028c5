import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto } from '@gx/application';
import { ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import { TransferListView, TransferMovedView, TransferView } from './operations.views';
import { TransferDto, TransferListQueryDto, TransferReceiptDto } from './stock.dto';
import { TransfersSendCommand, TransfersReceiveCommand } from './transfers.commands';
import { TransfersListQuery, TransfersGetQuery } from './transfers.queries';

/** Stock moving between warehouses: out at one, in transit, in at the other (operators only). */
@ApiTags('transfers')
@ApiBearerAuth()
@Roles('operator')
@Controller('transfers')
export class TransfersController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOp({
    summary: 'Send a transfer',
    description:
      'Free, sellable stock first-expiry-first (`quantityBase` base units); it is in transit until received. The answer is the transfer as GET shows it.',
    answer: TransferMovedView,
    status: 201,
    errors: ['INSUFFICIENT_STOCK', 'UNKNOWN_WAREHOUSE', 'UNKNOWN_SKU', 'NOT_FOUND', 'INVALID_STATE'],
  })
  send(@Body() body: TransferDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new TransfersSendCommand(body, ctx));
  }

  @Get()
  @ApiOp({
    summary: 'List transfers',
    description: 'Newest first; with `warehouse`, those leaving or reaching it.',
    answer: TransferListView,
  })
  list(@Query() query: TransferListQueryDto) {
    return this.queryBus.execute(new TransfersListQuery(query));
  }

  @Get(':id')
  @ApiOp({ summary: 'One transfer', answer: TransferView, params: { id: 'transfer id (T-…)' }, errors: ['NOT_FOUND'] })
  get(@Param('id') id: string, @Query() query: AfterQueryDto) {
    return this.queryBus.execute(new TransfersGetQuery(id, query));
  }

  @Post(':id/receive')
  @HttpCode(200)
  @ApiOp({
    summary: 'Receive a transfer',
    description:
      'At its destination, per batch in base units (`quantityBase`; absent: everything sent arrived). Batches keep their identity; shortfalls are recorded as lost in transit.',
    answer: TransferMovedView,
    params: { id: 'transfer id (T-…)' },
    errors: ['NOT_FOUND', 'ALREADY_DECIDED', 'INVALID_STATE', 'UNKNOWN_BATCH'],
  })
  receive(
    @Param('id') id: string,
    @Body() body: TransferReceiptDto,
    @Query() query: AfterQueryDto,
    @Ctx() ctx: RequestContext,
  ) {
    return this.commandBus.execute(new TransfersReceiveCommand(id, body, query, ctx));
  }
}
