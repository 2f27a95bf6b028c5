import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiOp, CurrentUser, Roles, type AuthUser } from '@gx/platform';
import { SpendingQueryDto } from './kitchen.dto';
import { SpendingView } from './kitchen.views';
import { SpendingSpendingQuery } from './spending.queries';

/** A kitchen's spending report: what the spending chart and the 832 report show. */
@ApiTags('statements')
@ApiBearerAuth()
@Controller('spending')
export class SpendingController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('purchaser', 'operator')
  @ApiOp({
    summary: "A kitchen's spending by month and by SKU, with the designated-county share",
    description:
      'Received deliveries only, after claims; money in fen (`…Fen`), quantities in base units (`receivedBase` beside `baseUnit`, with the sale unit). ' +
      'The designated share is the part bought from poverty-alleviation counties designated when the goods were issued ' +
      '(the "832 platform" rule: budget-funded canteens report at least 10%). A purchaser sees its own kitchen; operators name `kitchen`. ' +
      'INVALID_DATES: `to` before `from`, or more than 24 months.',
    answer: SpendingView,
    errors: ['INVALID_DATES'],
  })
  spending(@Query() query: SpendingQueryDto, @CurrentUser() user: AuthUser) {
    return this.queryBus.execute(new SpendingSpendingQuery(query, user));
  }
}
