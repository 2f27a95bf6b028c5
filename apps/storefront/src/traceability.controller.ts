import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiOp, Public } from '@gx/platform';
import { CampaignOriginView, OrderTraceView } from './traceability.views';
import { TraceabilityTraceQuery, TraceabilityOriginQuery } from './traceability.queries';

/** Traceability a consumer can see (扫码溯源): public pages that show where food came from and nothing personal. */
@ApiTags('traceability')
@Public()
@Controller()
export class TraceabilityController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('trace/:token')
  @ApiOp({
    summary: 'The traceability page of a handed-over order',
    description:
      'For each batch that supplied the order: producer, village and plot, harvest date, grade, inspection result and test id, and the warehouses it passed through (hub → township → village point). ' +
      'Quantities of batches in base units (`quantityBase`, see `baseUnit`), the order in whole sale units of `saleUnit`, times in Beijing time. ' +
      'The token comes from the order (its owner sees it once the goods are handed over); it is unguessable and not the order id, and the answer names no person.',
    answer: OrderTraceView,
    params: { token: 'the order’s trace token (22 characters, base64url)' },
    errors: ['NOT_FOUND'],
  })
  trace(@Param('token') token: string): Promise<OrderTraceView> {
    return this.queryBus.execute(new TraceabilityTraceQuery(token));
  }

  @Get('campaigns/:id/origin')
  @ApiOp({
    summary: 'Where a campaign’s goods come from',
    description:
      'Producers and villages of the sellable batches the supplying warehouse holds of the SKU (what the quota is picked from, first expiry first), and whether the SKU carries the regional brand 聊·胜一筹.',
    answer: CampaignOriginView,
    params: { id: 'campaign id (GB-…)' },
    errors: ['NOT_FOUND'],
  })
  origin(@Param('id') id: string): Promise<CampaignOriginView> {
    return this.queryBus.execute(new TraceabilityOriginQuery(id));
  }
}
