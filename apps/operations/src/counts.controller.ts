import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto } from '@gx/application';
import { ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import { CountChangedView, CountListView, CountView } from './operations.views';
import { CancelCountDto, CountListQueryDto, OpenCountDto, RecordCountLinesDto } from './counts.dto';
import {
  CountsOpenCommand,
  CountsRecordLinesCommand,
  CountsSubmitCommand,
  CountsApproveCommand,
  CountsCancelCommand,
} from './counts.commands';
import { CountsListQuery, CountsGetQuery } from './counts.queries';

/** Stock counts (盘点): blind counting, book vs counted vs variance, approval posting adjustments (operators only). */
@ApiTags('counts')
@ApiBearerAuth()
@Roles('operator')
@Controller('counts')
export class CountsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOp({
    summary: 'Open a stock count',
    description: 'Of some SKUs at a warehouse, or of every SKU with stock there (盘点).',
    answer: CountChangedView,
    status: 201,
    errors: ['UNKNOWN_WAREHOUSE', 'UNKNOWN_SKU', 'NOT_FOUND', 'INVALID_STATE'],
  })
  open(@Body() body: OpenCountDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new CountsOpenCommand(body, ctx));
  }

  @Put(':id/lines')
  @HttpCode(200)
  @ApiOp({
    summary: 'Record counted lines',
    description:
      'Counted base units per batch (`countedBase`, in the SKU’s baseUnit; blind: the answer never carries book figures); a line for a batch already counted replaces it.',
    answer: CountChangedView,
    params: { id: 'count id' },
    errors: ['NOT_FOUND', 'UNKNOWN_BATCH', 'INVALID_STATE'],
  })
  recordLines(@Param('id') id: string, @Body() body: RecordCountLinesDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new CountsRecordLinesCommand(id, body, ctx));
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOp({
    summary: 'Submit a count',
    description: 'Lock the lines: book vs counted vs variance becomes visible for approval.',
    answer: CountChangedView,
    params: { id: 'count id' },
    errors: ['NOT_FOUND', 'INVALID_STATE'],
  })
  submit(@Param('id') id: string, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new CountsSubmitCommand(id, ctx));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOp({
    summary: 'Approve a count',
    description:
      'Posts the adjustments; above the configured variance value (COUNT_SECOND_APPROVAL_FEN) a second, different operator completes the approval.',
    answer: CountChangedView,
    params: { id: 'count id' },
    errors: ['NOT_FOUND', 'INVALID_STATE', 'ALREADY_DECIDED'],
  })
  approve(@Param('id') id: string, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new CountsApproveCommand(id, ctx));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOp({
    summary: 'Cancel a count',
    description: 'Abandon a count that is not yet approved; nothing is posted.',
    answer: CountChangedView,
    params: { id: 'count id' },
    errors: ['NOT_FOUND', 'INVALID_STATE'],
  })
  cancel(@Param('id') id: string, @Body() body: CancelCountDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new CountsCancelCommand(id, body, ctx));
  }

  @Get()
  @ApiOp({ summary: 'List counts', description: 'Newest first.', answer: CountListView })
  list(@Query() query: CountListQueryDto) {
    return this.queryBus.execute(new CountsListQuery(query));
  }

  @Get(':id')
  @ApiOp({
    summary: 'One count',
    description: 'Counted lines only while open; book, variance, approvals and adjustments once submitted.',
    answer: CountView,
    params: { id: 'count id' },
    errors: ['NOT_FOUND'],
  })
  get(@Param('id') id: string, @Query() query: AfterQueryDto) {
    return this.queryBus.execute(new CountsGetQuery(id, query));
  }
}
