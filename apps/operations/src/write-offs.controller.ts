import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { WriteOffQueries } from '@gx/application';
import { ApiOp, Roles } from '@gx/platform';
import { WriteOffListQueryDto, WriteOffListView } from './write-offs.dto';

/** The start of a business day (Asia/Shanghai) as an ISO instant; `days` later for an exclusive end. */
const dayStart = (date: string, days = 0): string => new Date(Date.parse(`${date}T00:00:00+08:00`) + days * 86_400_000).toISOString();

/** The log of write-offs (operators only); they are made with `POST /write-offs`. */
@ApiTags('stock')
@ApiBearerAuth()
@Roles('operator')
@Controller('write-offs')
export class WriteOffsController {
  constructor(private readonly writeOffs: WriteOffQueries) {}

  @Get()
  @ApiOp({
    summary: 'Write-offs (报损), the latest first',
    description: 'At most 500, optionally of one warehouse and SKU and between two business days (Asia/Shanghai, both inclusive). Quantities in base units (`quantityBase` beside `baseUnit`, with the SKU’s first sale unit), value in fen at cost, times in Beijing time.',
    answer: WriteOffListView,
  })
  async list(@Query() query: WriteOffListQueryDto): Promise<WriteOffListView> {
    const { from, to, ...rest } = query;
    return { items: await this.writeOffs.list({ ...rest, ...(from && { from: dayStart(from) }), ...(to && { to: dayStart(to, 1) }) }) };
  }
}
