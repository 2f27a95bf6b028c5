import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiOp, Roles } from '@gx/platform';
import { WriteOffListQueryDto, WriteOffListView } from './write-offs.dto';
import { WriteOffsListQuery } from './write-offs.queries';

/** The log of write-offs (operators only); they are made with `POST /write-offs`. */
@ApiTags('stock')
@ApiBearerAuth()
@Roles('operator')
@Controller('write-offs')
export class WriteOffsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOp({
    summary: 'Write-offs (报损), the latest first',
    description:
      'At most 500, optionally of one warehouse and SKU and between two business days (Asia/Shanghai, both inclusive). Quantities in base units (`quantityBase` beside `baseUnit`, with the SKU’s first sale unit), value in fen at cost, times in Beijing time.',
    answer: WriteOffListView,
  })
  list(@Query() query: WriteOffListQueryDto): Promise<WriteOffListView> {
    return this.queryBus.execute(new WriteOffsListQuery(query));
  }
}
