import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto, commandContextOf, CountCommands, CountQueries } from '@gx/application';
import { ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import { CountChangedView, CountListView, CountView } from './operations.views';
import { CancelCountDto, CountListQueryDto, OpenCountDto, RecordCountLinesDto } from './counts.dto';

/** Stock counts (盘点): blind counting, book vs counted vs variance, approval posting adjustments (operators only). */
@ApiTags('counts')
@ApiBearerAuth()
@Roles('operator')
@Controller('counts')
export class CountsController {
  constructor(
    private readonly commands: CountCommands,
    private readonly queries: CountQueries,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOp({ summary: 'Open a stock count', description: 'Of some SKUs at a warehouse, or of every SKU with stock there (盘点).', answer: CountChangedView, status: 201, errors: ['UNKNOWN_WAREHOUSE', 'UNKNOWN_SKU', 'NOT_FOUND', 'INVALID_STATE'] })
  open(@Body() body: OpenCountDto, @Ctx() ctx: RequestContext) {
    return this.commands.open(body, commandContextOf(ctx, 'open-count'));
  }

  @Put(':id/lines')
  @HttpCode(200)
  @ApiOp({ summary: 'Record counted lines', description: 'Counted base units per batch (`countedBase`, in the SKU’s baseUnit; blind: the answer never carries book figures); a line for a batch already counted replaces it.', answer: CountChangedView, params: { id: 'count id' }, errors: ['NOT_FOUND', 'UNKNOWN_BATCH', 'INVALID_STATE'] })
  recordLines(@Param('id') id: string, @Body() body: RecordCountLinesDto, @Ctx() ctx: RequestContext) {
    return this.commands.recordLines(id, body.lines, commandContextOf(ctx, `count-lines:${id}`));
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOp({ summary: 'Submit a count', description: 'Lock the lines: book vs counted vs variance becomes visible for approval.', answer: CountChangedView, params: { id: 'count id' }, errors: ['NOT_FOUND', 'INVALID_STATE'] })
  submit(@Param('id') id: string, @Ctx() ctx: RequestContext) {
    return this.commands.submit(id, commandContextOf(ctx, `submit-count:${id}`));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOp({ summary: 'Approve a count', description: 'Posts the adjustments; above the configured variance value (COUNT_SECOND_APPROVAL_FEN) a second, different operator completes the approval.', answer: CountChangedView, params: { id: 'count id' }, errors: ['NOT_FOUND', 'INVALID_STATE', 'ALREADY_DECIDED'] })
  approve(@Param('id') id: string, @Ctx() ctx: RequestContext) {
    return this.commands.approve(id, commandContextOf(ctx, `approve-count:${id}`));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOp({ summary: 'Cancel a count', description: 'Abandon a count that is not yet approved; nothing is posted.', answer: CountChangedView, params: { id: 'count id' }, errors: ['NOT_FOUND', 'INVALID_STATE'] })
  cancel(@Param('id') id: string, @Body() body: CancelCountDto, @Ctx() ctx: RequestContext) {
    return this.commands.cancel(id, body.reason, commandContextOf(ctx, `cancel-count:${id}`));
  }

  @Get()
  @ApiOp({ summary: 'List counts', description: 'Newest first.', answer: CountListView })
  async list(@Query() query: CountListQueryDto) {
    return { items: await this.queries.list(query) };
  }

  @Get(':id')
  @ApiOp({ summary: 'One count', description: 'Counted lines only while open; book, variance, approvals and adjustments once submitted.', answer: CountView, params: { id: 'count id' }, errors: ['NOT_FOUND'] })
  async get(@Param('id') id: string, @Query() query: AfterQueryDto) {
    const count = await this.queries.get(id, query.after);
    if (!count) throw new NotFoundException(`no count ${id}`);
    return count;
  }
}
