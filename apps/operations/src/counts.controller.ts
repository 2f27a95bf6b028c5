import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto, commandContextOf, CountCommands, CountQueries } from '@gx/application';
import { Ctx, Roles, type RequestContext } from '@gx/platform';
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

  /** Open a count of some SKUs at a warehouse, or of every SKU with stock there. */
  @Post()
  @HttpCode(201)
  open(@Body() body: OpenCountDto, @Ctx() ctx: RequestContext) {
    return this.commands.open(body, commandContextOf(ctx, 'open-count'));
  }

  /** Enter counted quantities per batch (blind: the answer never carries book figures). */
  @Put(':id/lines')
  @HttpCode(200)
  recordLines(@Param('id') id: string, @Body() body: RecordCountLinesDto, @Ctx() ctx: RequestContext) {
    return this.commands.recordLines(id, body.lines, commandContextOf(ctx, `count-lines:${id}`));
  }

  /** Lock the lines: book vs counted vs variance becomes visible for approval. */
  @Post(':id/submit')
  @HttpCode(200)
  submit(@Param('id') id: string, @Ctx() ctx: RequestContext) {
    return this.commands.submit(id, commandContextOf(ctx, `submit-count:${id}`));
  }

  /** Approve; above the configured variance value a second, different operator completes the approval. */
  @Post(':id/approve')
  @HttpCode(200)
  approve(@Param('id') id: string, @Ctx() ctx: RequestContext) {
    return this.commands.approve(id, commandContextOf(ctx, `approve-count:${id}`));
  }

  /** Abandon a count that is not yet approved; nothing is posted. */
  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param('id') id: string, @Body() body: CancelCountDto, @Ctx() ctx: RequestContext) {
    return this.commands.cancel(id, body.reason, commandContextOf(ctx, `cancel-count:${id}`));
  }

  /** Counts, newest first. */
  @Get()
  async list(@Query() query: CountListQueryDto) {
    return { items: await this.queries.list(query) };
  }

  /** One count: counted lines only while open; book, variance, approvals and adjustments once submitted. */
  @Get(':id')
  async get(@Param('id') id: string, @Query() query: AfterQueryDto) {
    const count = await this.queries.get(id, query.after);
    if (!count) throw new NotFoundException(`no count ${id}`);
    return count;
  }
}
